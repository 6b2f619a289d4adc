"""nbgrader's filesystem exchange, with submissions that other students cannot read.

Why: nbgrader 0.9.6 (`nbgrader/exchange/default/submit.py`) leaves every submission in the shared
`inbound/` folder as a 0777 folder of 0644 files. Students cannot list `inbound/` (it is 3733), so a
classmate's work is hidden only by its unguessable name (nbgrader issue #978). `PrivateSubmit` closes that
gap: once nbgrader has copied the submission, it closes the submission folder to "others". The instructors
still enter it through its group: `inbound/` is set-group-ID and belongs to the
instructors' group (deploy/setup-exchange.sh), so every folder a student creates there gets that group.

Enable it for everyone (deploy/site/nbgrader_config.py):
    c.ExchangeFactory.submit = "course.exchange.PrivateSubmit"
"""

from __future__ import annotations

import os

from nbgrader.exchange.default.submit import ExchangeSubmit

#: the submission folder: its author and the instructors' group may enter it (and delete it); others not
PRIVATE = 0o770


class PrivateSubmit(ExchangeSubmit):
    """`nbgrader submit`, then: the submission folder closed to everyone but its author and the instructors."""

    def copy_files(self):
        super().copy_files()
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        if os.stat(dest).st_gid != os.stat(self.inbound_path).st_gid:
            # inbound/ is not set-group-ID: closing the folder would lock the instructors out too
            self.log.warning("%s is not set-group-ID (see docs/deploy.md): submission left readable by name",
                             self.inbound_path)
            return
        os.chmod(dest, PRIVATE)
