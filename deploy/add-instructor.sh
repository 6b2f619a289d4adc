#!/bin/sh
# Make a Unix user the course's instructor: a private home, the gradebook address, a copy of the course.
# Run as root after the user exists and is in the instructors' group (the hub gives that group the
# graders' tools: deploy/jupyterhub_config.py).
#
#   sudo GRADEBOOK_URL='postgresql+psycopg://nbgrader:PASSWORD@127.0.0.1:5432/russia_and_the_west' \
#        deploy/add-instructor.sh INSTRUCTOR [COURSE_FOLDER]
#
# COURSE_FOLDER defaults to this repository's assignments/ (nbgrader_config.py and source/): run it from
# the full clone that only root can read, not from the students' install (deploy/install-course.sh has
# no source/). The address comes from the environment, not the command line, so that it never shows in
# `ps`. The class folder belongs to the instructors' group (COURSE_INSTRUCTORS_GROUP, default
# course-instructors, if it exists), mode 2770: set-group-ID, so what nbgrader creates in it keeps that
# group, and nothing in it is open to other accounts.
set -eu

user=${1:?usage: add-instructor.sh INSTRUCTOR [COURSE_FOLDER]}
here=$(cd "$(dirname "$0")" && pwd)
course_src=${2:-$here/../assignments}
home=$(getent passwd "$user" | cut -d: -f6)
group=$(id -gn "$user")
class_group=${COURSE_INSTRUCTORS_GROUP:-course-instructors}
getent group "$class_group" >/dev/null || class_group=$group
[ -n "$home" ] && [ -d "$home" ] || { echo "no home folder for $user" >&2; exit 1; }

# Students must not read the instructor's course (source notebooks hold the solutions, submitted/ every
# student's work): the home folder is private.
chmod 0700 "$home"
install -d -o "$user" -g "$group" -m 0700 "$home/.jupyter"
if [ -n "${GRADEBOOK_URL:-}" ]; then
    (umask 077 && printf '%s\n' "$GRADEBOOK_URL" > "$home/.jupyter/gradebook-url")
    chown "$user:$group" "$home/.jupyter/gradebook-url"
fi
if [ ! -d "$course_src/source" ]; then
    echo "no source/ in $course_src: run this from the full course, not the students' install" >&2
    exit 1
fi
class="$home/russia-and-the-west"
if [ ! -e "$class" ]; then  # never overwrite a course in progress
    install -d -o "$user" -g "$class_group" -m 2770 "$class"
    for name in nbgrader_config.py autotests.yml source; do
        if [ -e "$course_src/$name" ]; then cp -R "$course_src/$name" "$class/"; fi
    done
fi
# the class's key (source/), its students' work and grades: the instructors' group only (again on a re-run)
chown -R "$user:$class_group" "$class"
chmod -R g+rwX,o-rwx "$class"
find "$class" -type d -exec chmod g+s {} +
echo "instructor ready: $user (course in $home/russia-and-the-west)"
