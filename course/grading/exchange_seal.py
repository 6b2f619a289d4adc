"""`nbgrader collect` that trusts nothing a student wrote: no symlinks followed, time from the exchange's clock.

Why: nbgrader 0.9.6's collect (`nbgrader/exchange/default/collect.py`) copies a submission with
`shutil.copytree`, which copies the *target* of every symbolic link. A student could leave a link in
`inbound/` pointing at the instructor's source notebook and get the key graded as their answer (and returned
as feedback). It also takes the submission time from the folder's name and from `timestamp.txt`, both
written by the student, and a student keeps write access to their submission after submitting.

`SealedCollect` keeps nbgrader's choices (which submission counts, `--update`, `--before-duedate`, the
`submitted/` layout, the ignore/include/size settings) and changes three things:

* **Nothing is followed.** The tree is read through directory file descriptors opened with `O_NOFOLLOW`,
  so a link swapped in during the copy is not followed either. A submission holding a symbolic link (the
  submission folder itself included), a hard-linked file, a FIFO, a device or a socket is refused whole,
  with one report line, and nothing of it is copied; the rest of the class is collected. Links are refused
  rather than copied as links because the grader would follow a copied link in `submitted/`; an honest
  `nbgrader submit` never makes one (its copy follows links in the student's folder).
* **The exchange's clock.** The time recorded (the collected copy's `timestamp.txt`, from which nbgrader
  works out lateness) is the latest *change time* (ctime) of anything in the submission. The kernel sets
  ctime itself on every change to a file or folder (content, name, mode, links) and no unprivileged call can
  set it back (`touch` and `utime` set the modification time, not ctime); on NFS it comes from the server's
  clock. The student's own times are only compared with it, and a line reports when they disagree.
  The time is decided from what was actually copied: each file is copied from a descriptor held open and
  stat'ed on it before and after the copy, so a file rewritten as the collector opens it (a student can
  watch the folder with inotify) is copied again and timed by that write, with a `TIME` line, never
  collected with the new bytes under the earlier time.
* **Sealed on submission.** Because any change after submitting moves that ctime, a submission edited after
  it was submitted counts as submitted at the time of the edit: it is a new, later submission and lateness
  follows. A folder that claims to be one student's but belongs to another account is refused.

Chosen over copying at submit time into a folder students cannot write (which would need a privileged
helper on every server) because it needs nothing but the kernel, on both deployment routes.

Enable it (deploy/site/nbgrader_config.py): `c.ExchangeFactory.collect = "course.grading.exchange_seal.SealedCollect"`.
"""

from __future__ import annotations

import datetime
import fnmatch
import glob
import os
import shutil
import stat
import sys
from dataclasses import dataclass

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.utils import parse_utc

if sys.platform != "win32":
    import pwd

DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
#: O_NONBLOCK: a FIFO swapped in after the check must not hang the collect
FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
#: a submission's own times may trail the exchange's by the time the copy took; beyond this, say so
TOLERANCE = datetime.timedelta(seconds=120)
#: collected work is for the instructors' group only, whatever the umask
FILE_MODE, DIR_MODE = 0o660, 0o770
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"
#: copies of a file taken while it is being written to, before its submission is refused
COPY_ATTEMPTS = 3
#: folders deeper than this are refused: an honest submission is a few levels deep, and a walk through
#: thousands of nested folders would exhaust Python's recursion limit (or the open files) and stop the
#: collect of the whole class
MAX_DEPTH = 64


class Tampered(Exception):
    """The submission holds something an honest `nbgrader submit` never makes."""


@dataclass
class Submission:
    """One folder in inbound/, as the exchange sees it."""

    username: str
    filename: str
    claimed: datetime.datetime | None  # the time in the folder's name (UTC, naive, as nbgrader parses it)
    timestamp: datetime.datetime  # the exchange's: the latest ctime in the folder (UTC, naive)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISLNK, "symbolic link"), (stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "special file"


def _shown(value) -> str:
    """A student-chosen name for the log: a newline or an escape sequence in it could forge a log line."""
    return "".join(c if c.isprintable() else "?" for c in str(value))


def _utc(ctime_ns: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(ctime_ns / 1e9, datetime.timezone.utc).replace(tzinfo=None)


class _Walk:
    """Reads a submission tree without following anything; copies it too when given a destination."""

    def __init__(self, keep, max_bytes: int):
        self.keep, self.max_bytes = keep, max_bytes
        self.latest_ns, self.total = 0, 0
        self.changed: list[str] = []  # files written to while they were being copied

    def _note(self, st: os.stat_result) -> None:
        self.latest_ns = max(self.latest_ns, st.st_ctime_ns)

    def tree(self, dir_fd: int, rel: str, dest: str | None) -> None:
        self._note(os.fstat(dir_fd))
        if rel.count("/") >= MAX_DEPTH:
            raise Tampered(f"{rel.split('/')[0]}/... nests folders more than {MAX_DEPTH} deep")
        if dest is not None:
            os.mkdir(dest, DIR_MODE)
        for name in sorted(os.listdir(dir_fd)):
            path = f"{rel}/{name}" if rel else name
            st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
            self._note(st)
            if stat.S_ISLNK(st.st_mode):
                raise Tampered(f"{path} is a symbolic link (to {os.readlink(name, dir_fd=dir_fd)})")
            if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
                raise Tampered(f"{path} is a {_kind(st.st_mode)}, not a file")
            if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
                raise Tampered(f"{path} is a hard link ({st.st_nlink} names for one file)")
            wanted = self.keep(name, st)
            if stat.S_ISDIR(st.st_mode):
                fd = os.open(name, DIR_FLAGS, dir_fd=dir_fd)
                try:
                    self._same(fd, st, path)
                    self.tree(fd, path, os.path.join(dest, name) if dest is not None and wanted else None)
                finally:
                    os.close(fd)
            elif dest is not None and wanted:
                self._file(dir_fd, name, st, path, os.path.join(dest, name))

    @staticmethod
    def _same(fd: int, st: os.stat_result, path: str) -> os.stat_result:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise Tampered(f"{path} was replaced while it was being collected")
        return now

    def _file(self, dir_fd: int, name: str, st: os.stat_result, path: str, dest: str) -> None:
        """Copy one file from a descriptor held open, and time it by what was copied: the file is stat'ed on
        that descriptor before and after the copy; a change in between (size, mtime or ctime) means the
        bytes may be the new ones, so the copy is taken again and its time is the change's (COPY_ATTEMPTS,
        then the submission is refused)."""
        fd = os.open(name, FILE_FLAGS, dir_fd=dir_fd)
        try:
            before = self._same(fd, st, path)
            os.set_blocking(fd, True)
            with open(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb") as out:
                for _attempt in range(COPY_ATTEMPTS):
                    if not stat.S_ISREG(before.st_mode) or before.st_nlink > 1:
                        raise Tampered(f"{path} changed into a link or special file while it was being collected")
                    out.seek(0)
                    out.truncate()
                    copied = self._copy(fd, out)
                    after = os.fstat(fd)
                    if _times(after) == _times(before) and copied == after.st_size:
                        break
                    self.changed.append(path)  # written while it was copied: copied again, timed by the change
                    before = after
                else:
                    raise Tampered(f"{path} kept changing while it was being collected ({COPY_ATTEMPTS} copies)")
            self.total += copied
            self._note(after)
        finally:
            os.close(fd)

    def _copy(self, fd: int, out) -> int:
        """The file's bytes from its start, within what is left of the submission's size budget."""
        os.lseek(fd, 0, os.SEEK_SET)
        copied, budget = 0, self.max_bytes - self.total
        while chunk := os.read(fd, min(1 << 20, budget - copied + 1)):
            copied += len(chunk)
            if copied > budget:
                raise Tampered(f"the submission is larger than {self.max_bytes // 1000} kB "
                               "(CourseDirectory.max_dir_size)")
            out.write(chunk)
        out.flush()
        return copied


def _times(st: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a file is written to: size and modification time, and the change time the kernel
    sets on every write, which no unprivileged call can set back."""
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


class SealedCollect(ExchangeCollect):
    """nbgrader's collect, reading submissions without following links and timing them by ctime."""

    # ---------------------------------------------------------------- which submissions

    def _owner_problem(self, username: str, st: os.stat_result) -> str | None:
        """Why the folder's owner rules it out, or None. An owner unknown here cannot be checked: warn."""
        if not self.check_owner or sys.platform == "win32":
            return None
        try:
            owner = pwd.getpwuid(st.st_uid).pw_name
        except KeyError:
            self.log.warning("cannot check who owns %s's submission (uid %d has no name on this machine)",
                             username, st.st_uid)
            return None
        return None if owner == username else f"it claims to be {username}'s but belongs to {owner}"

    def _record(self, inbound_fd: int, filename: str) -> Submission | None:
        parts = filename.rsplit("+", 3)
        if len(parts) < 3:
            self.fail(f"Invalid filename: {filename}")
        username = parts[0]
        try:
            claimed = parse_utc(parts[2])
        except (ValueError, OverflowError):
            claimed = None
        st = os.stat(filename, dir_fd=inbound_fd, follow_symlinks=False)
        problem = None
        if stat.S_ISLNK(st.st_mode):
            problem = "the submission folder is itself a symbolic link"
        elif not stat.S_ISDIR(st.st_mode):
            problem = f"the submission is a {_kind(st.st_mode)}, not a folder"
        else:
            problem = self._owner_problem(username, st)
        if problem is None:
            try:
                walk = _Walk(lambda name, st: True, max_bytes=sys.maxsize)
                fd = os.open(filename, DIR_FLAGS, dir_fd=inbound_fd)
                try:
                    walk.tree(fd, "", None)
                finally:
                    os.close(fd)
            except (Tampered, OSError) as error:
                problem = str(error)
        if problem:
            self.refused.append((username, filename, problem))
            self.log.error("REFUSED %s: %s: %s; nothing of it is collected", _shown(username), _shown(filename),
                           _shown(problem))
            return None
        return Submission(username, filename, claimed, _utc(walk.latest_ns))

    def init_src(self):
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        if not os.access(self.inbound_path, os.R_OK | os.X_OK):
            self.fail(f"You don't have read permissions for the directory: {self.inbound_path}")
        self.refused: list[tuple[str, str, str]] = []
        student_id = self.coursedir.student_id or "*"
        pattern = os.path.join(glob.escape(self.inbound_path), f"{student_id}+{self.coursedir.assignment_id}+*")
        inbound_fd = os.open(self.inbound_path, DIR_FLAGS)
        try:
            records = [self._record(inbound_fd, os.path.basename(path)) for path in sorted(glob.glob(pattern))]
        finally:
            os.close(inbound_fd)
        by_student: dict[str, list[Submission]] = {}
        for record in records:
            if record is not None:
                by_student.setdefault(record.username, []).append(record)
        # nbgrader's choice (latest, or latest before the due date), made on the exchange's times
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self.src_records = []
        for mine in by_student.values():
            mine = sorted(mine, key=lambda r: r.timestamp, reverse=True)
            on_time = [r for r in mine if self.duedate is not None and r.timestamp <= self.duedate]
            self.src_records.append(on_time[0] if self.before_duedate and on_time else mine[0])

    # ---------------------------------------------------------------- copying

    def _keep(self, name: str, st: os.stat_result) -> bool:
        """CourseDirectory.ignore / include / max_file_size, as nbgrader's copytree applies them."""
        cd = self.coursedir
        if any(fnmatch.fnmatch(name, pattern) for pattern in cd.ignore):
            return False
        if stat.S_ISDIR(st.st_mode):
            return True
        if not any(fnmatch.fnmatch(name, pattern) for pattern in cd.include):
            return False
        if cd.max_file_size and st.st_size > 1000 * cd.max_file_size:
            self.log.warning("Ignoring file too large: %s (CourseDirectory.max_file_size)", name)
            return False
        return True

    def _report_times(self, rec: Submission, written: datetime.datetime | None) -> None:
        claims = [f"{what} says {when} UTC" for what, when in (("its name", rec.claimed), ("timestamp.txt", written))
                  if when is not None and abs(rec.timestamp - when) > TOLERANCE]
        if claims:
            self.log.warning("TIME %s: %s, but the exchange saw it last changed at %s UTC: recorded as submitted "
                             "then (changed after submitting, or a forged time)", _shown(rec.username),
                             " and ".join(claims), rec.timestamp)

    def do_copy(self, src, dest, log=None):
        """Copy one submission without following anything; return the exchange's time of its last change."""
        parent_fd = os.open(os.path.dirname(src), DIR_FLAGS)
        try:
            fd = os.open(os.path.basename(src), DIR_FLAGS, dir_fd=parent_fd)
        finally:
            os.close(parent_fd)
        staging = f"{dest}.collecting"
        shutil.rmtree(staging, ignore_errors=True)
        walk = _Walk(self._keep, max_bytes=1000 * self.coursedir.max_dir_size)
        try:
            walk.tree(fd, "", staging)
            self.changed_during_copy = walk.changed
            stamp = _utc(walk.latest_ns)
            written = os.path.join(staging, "timestamp.txt")
            if os.path.isdir(written):  # the student's own timestamp.txt is replaced, whatever it was
                shutil.rmtree(written)
            with open(written, "w", encoding="utf-8") as fh:
                fh.write(stamp.replace(tzinfo=datetime.timezone.utc).strftime(TIME_FORMAT))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            os.close(fd)
        os.rename(staging, dest)
        return stamp

    def copy_files(self):
        assignment = self.coursedir.assignment_id
        if not self.src_records:
            self.log.warning("No submissions of '%s' for course '%s' to collect", assignment, self.coursedir.course_id)
        self.log.info("Processing %d submissions of '%s' for course '%s'", len(self.src_records), assignment,
                      self.coursedir.course_id)
        collected = 0
        for rec in self.src_records:
            src = os.path.join(self.inbound_path, rec.filename)
            dest = self.coursedir.format_path(self.coursedir.submitted_directory, rec.username, assignment)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            if os.path.isdir(dest):
                existing = self.coursedir.get_existing_timestamp(dest)
                newer = existing is None or rec.timestamp > existing
                if not ((self.update and newer) or (self.before_duedate and existing != rec.timestamp)):
                    self.log.info("%s: %s %s", "No newer submission to collect" if self.update else
                                  "Submission already exists, use --update to update", _shown(rec.username), assignment)
                    continue
            written = self._written_timestamp(src)
            try:
                new = f"{dest}.new"
                shutil.rmtree(new, ignore_errors=True)
                stamp = self.do_copy(src, new)
            except (Tampered, OSError) as error:
                self.refused.append((rec.username, rec.filename, str(error)))
                self.log.error("REFUSED %s: %s: %s; nothing of it is collected", _shown(rec.username),
                               _shown(rec.filename), _shown(error))
                continue
            if os.path.isdir(dest):
                self.log.info("Updating submission: %s %s", _shown(rec.username), assignment)
                shutil.rmtree(dest)
            else:
                self.log.info("Collecting submission: %s %s", _shown(rec.username), assignment)
            os.rename(new, dest)
            if stamp > rec.timestamp:  # written to after the collect first looked at it
                self.log.warning("TIME %s: changed while it was being collected (%s): recorded as submitted at %s "
                                 "UTC, the time of the change, not %s UTC", _shown(rec.username),
                                 _shown(", ".join(self.changed_during_copy) or "the folder"), stamp, rec.timestamp)
            rec.timestamp = stamp
            self._report_times(rec, written)
            collected += 1
        if self.refused:
            self.log.error("%d submission(s) refused, %d collected: see the REFUSED lines above",
                           len(self.refused), collected)

    def _written_timestamp(self, src: str) -> datetime.datetime | None:
        """The student's timestamp.txt, read without following a link (only to compare it)."""
        try:
            dir_fd = os.open(src, DIR_FLAGS)
            try:
                fd = os.open("timestamp.txt", FILE_FLAGS, dir_fd=dir_fd)
            finally:
                os.close(dir_fd)
            with os.fdopen(fd, "r", encoding="utf-8", errors="replace") as fh:
                return parse_utc(fh.read(200).strip())
        except (OSError, ValueError, OverflowError):
            return None
