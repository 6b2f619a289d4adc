#!/bin/sh
# Make a Unix user the course's instructor: a private home, the gradebook address, a copy of the course.
# Run as root after the user exists and is in the instructors' group (the hub gives that group the
# graders' tools: deploy/jupyterhub_config.py).
#
#   sudo GRADEBOOK_URL='postgresql+psycopg://nbgrader:PASSWORD@127.0.0.1:5432/russia_and_the_west' \
#        deploy/add-instructor.sh INSTRUCTOR [COURSE_FOLDER]
#
# COURSE_FOLDER defaults to this repository's assignments/ (nbgrader_config.py and source/). The address
# comes from the environment, not the command line, so that it never shows in `ps`.
set -eu

user=${1:?usage: add-instructor.sh INSTRUCTOR [COURSE_FOLDER]}
here=$(cd "$(dirname "$0")" && pwd)
course_src=${2:-$here/../assignments}
home=$(getent passwd "$user" | cut -d: -f6)
group=$(id -gn "$user")
[ -n "$home" ] && [ -d "$home" ] || { echo "no home folder for $user" >&2; exit 1; }

# Students must not read the instructor's course (source notebooks hold the solutions, submitted/ every
# student's work): the home folder is private.
chmod 0700 "$home"
install -d -o "$user" -g "$group" -m 0700 "$home/.jupyter"
if [ -n "${GRADEBOOK_URL:-}" ]; then
    (umask 077 && printf '%s\n' "$GRADEBOOK_URL" > "$home/.jupyter/gradebook-url")
    chown "$user:$group" "$home/.jupyter/gradebook-url"
fi
if [ ! -e "$home/russia-and-the-west" ]; then  # never overwrite a course in progress
    install -d -o "$user" -g "$group" -m 0700 "$home/russia-and-the-west"
    cp -R "$course_src/nbgrader_config.py" "$course_src/source" "$home/russia-and-the-west/"
    chown -R "$user:$group" "$home/russia-and-the-west"
fi
echo "instructor ready: $user (course in $home/russia-and-the-west)"
