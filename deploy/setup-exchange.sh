#!/bin/sh
# The nbgrader exchange for one course, with permissions that keep students apart. Run as root, once per
# course (again at any time: it only resets owners and modes).
#
#   sudo deploy/setup-exchange.sh INSTRUCTOR INSTRUCTORS_GROUP [COURSE_ID] [EXCHANGE_ROOT]
#
# Why each mode (nbgrader 0.9.6's filesystem exchange; docs/deploy.md explains the whole layout):
#   EXCHANGE_ROOT  root:root 1777  anyone may create in it, nobody may delete another's folder (sticky)
#   COURSE         instructor 0755 made here, before any student logs in, so nobody can squat its name
#   inbound/       3733            students drop submissions in but cannot list them; set-group-ID, so
#                                  each submission folder belongs to INSTRUCTORS_GROUP, and
#                                  course.exchange.PrivateSubmit then closes it to other students;
#                                  sticky, so nobody but its author (and the instructor) can rename or
#                                  delete a submission, even knowing its name
#   outbound/      0755            released assignments, readable by all
#   feedback/      0711            feedback files, fetched by a name only their author can compute
set -eu

instructor=${1:?usage: setup-exchange.sh INSTRUCTOR INSTRUCTORS_GROUP [COURSE_ID] [EXCHANGE_ROOT]}
group=${2:?usage: setup-exchange.sh INSTRUCTOR INSTRUCTORS_GROUP [COURSE_ID] [EXCHANGE_ROOT]}
course=${3:-russia-and-the-west}
root=${4:-/srv/nbgrader/exchange}

install -d -o root -g root -m 1777 "$root"
# install -d leaves the mode of an existing folder alone when it already matches; chmod makes sure
chmod 1777 "$root"
for dir in "$root/$course" "$root/$course/outbound"; do
    install -d -o "$instructor" -g "$group" -m 0755 "$dir"
    chmod 0755 "$dir"
done
install -d -o "$instructor" -g "$group" -m 3733 "$root/$course/inbound"
chmod 3733 "$root/$course/inbound"
install -d -o "$instructor" -g "$group" -m 0711 "$root/$course/feedback"
chmod 0711 "$root/$course/feedback"
echo "exchange ready: $root/$course (instructor $instructor, group $group)"
