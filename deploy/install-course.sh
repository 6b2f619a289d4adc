#!/bin/sh
# Install the course for students: the package, the lessons and the tables, and nothing that holds a key.
# Run as root on a server (the hub's users import the course from DEST), or in the image build (Dockerfile).
#
#   sudo deploy/install-course.sh SOURCE DEST        e.g. /root/russia-and-the-west /opt/russia-and-the-west
#
# Why: SOURCE, the full course, holds the answer key (assignments/source/: solutions, hidden tests, model
# answers) and may hold build/ (copies of it) and an instructor's classes. Everything DEST holds is
# readable by every account, so DEST gets a list of what students need, copied, never the rest: keep
# SOURCE where only root can read it (e.g. /root) and give instructors their copy with add-instructor.sh.
# DEST is replaced as a whole on a re-run (it must be empty or an earlier install); the new copy is checked
# for key material before it goes live.
set -eu

usage="usage: install-course.sh SOURCE DEST"
src=$(cd "${1:?$usage}" && pwd)
dest=${2:?$usage}
marker=.student-install  # marks DEST as this script's, so a re-run may replace it

# What students need, relative to SOURCE: the package (with its assets), the tables, the lessons, the
# project file pip installs from, the course-wide nbgrader settings (no questions in them), and deploy/
# (the exchange set-up script the Kubernetes init container runs from the image).
STUDENT_FILES="pyproject.toml README.md LICENSE environment.yml course data notebooks deploy
assignments/nbgrader_config.py assignments/autotests.yml"

[ -f "$src/pyproject.toml" ] && [ -d "$src/course" ] || { echo "$src is not the course's folder" >&2; exit 1; }
if [ -e "$dest" ] && [ ! -e "$dest/$marker" ] && [ -n "$(ls -A "$dest")" ]; then
    echo "$dest exists and is not an earlier student install: move it away first" >&2
    exit 1
fi

stage="$dest.installing"
rm -rf "$stage"
mkdir -p "$stage"
present=""
for path in $STUDENT_FILES; do
    [ -e "$src/$path" ] && present="$present $path"
done
# shellcheck disable=SC2086 (word splitting of the list is meant)
tar -C "$src" -cf - --exclude=__pycache__ --exclude='*.egg-info' --exclude=.ipynb_checkpoints $present \
    | tar -C "$stage" -xf -

# Refuse to install anything that looks like a key: the instructor's notebooks, a build cache, a gradebook,
# a notebook with nbgrader's solution or hidden-test markers.
leaks=$( (find "$stage" -path "*/assignments/source" -o -name build -type d -o -name gradebook.db;
          grep -rlE '(BEGIN|END) (SOLUTION|HIDDEN TESTS)' "$stage" --include='*.ipynb' || true) | head -5)
if [ -n "$leaks" ]; then
    rm -rf "$stage"
    printf 'refusing to install: these look like answer-key material:\n%s\n' "$leaks" >&2
    exit 1
fi

touch "$stage/$marker"
if [ "$(id -u)" = 0 ]; then chown -R 0:0 "$stage"; fi
chmod -R u=rwX,go=rX "$stage"  # readable by all, writable by root only
if [ -e "$dest" ]; then
    mv "$dest" "$dest.old"
    mv "$stage" "$dest"
    rm -rf "$dest.old"
else
    mv "$stage" "$dest"
fi
echo "course installed for students in $dest (no assignments/source: instructors get theirs with add-instructor.sh)"
