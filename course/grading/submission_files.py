"""Regular files only: what the grader checks before it opens anything a student handed in.

Why: opening a FIFO for reading waits for a writer that never comes, and reading a character device such as
`/dev/zero` never ends, so one such "notebook" in `submitted/` would stop `course grade` (and the reports)
for the whole class. A submission folder is walked without following links and refused, for its student
alone, when it holds anything that is (or, through a link, leads to) a FIFO, a socket or a device. Files
the grader reads itself are opened with `O_NONBLOCK` and checked again on the open descriptor (`fstat`),
so a FIFO swapped in after the walk cannot hang it either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC


def kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in the words of the refusal."""
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISLNK, "symbolic link")):
        if test(mode):
            return name
    return "special file"


def printable(text) -> str:
    """A student-chosen name for a log line or the terminal: control characters (a newline, a carriage return,
    a terminal escape) shown as Python escapes, so a name can neither forge a line nor drive the terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def special_in(folder: Path) -> str | None:
    """Why the submission `folder` cannot be opened safely (its first FIFO, socket or device, or link to
    one), as a phrase naming the file; None when it holds only folders and regular files (or dangling links,
    which open nothing). The walk follows no link and recurses through no link."""
    folder = Path(folder)
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue  # an unreadable folder is nbgrader's to report
        for entry in entries:
            shown = printable(Path(entry.path).relative_to(folder))
            try:
                own = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(own.st_mode):
                pending.append(Path(entry.path))
                continue
            if stat.S_ISREG(own.st_mode):
                continue
            if not stat.S_ISLNK(own.st_mode):
                return f"{shown} is a {kind(own.st_mode)}, not a file"
            try:
                target = os.stat(entry.path)
            except OSError:
                continue  # a dangling link opens nothing
            if not (stat.S_ISREG(target.st_mode) or stat.S_ISDIR(target.st_mode)):
                return f"{shown} is a link to a {kind(target.st_mode)}, not a file"
    return None


def read_regular(path: Path, limit: int, follow_links: bool = True) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes (a link to one is read only with
    `follow_links`).

    OSError when it is not one or is larger: the descriptor is opened without blocking and checked before a
    byte is read, so a FIFO or a device never holds the caller up."""
    fd = os.open(path, READ_FLAGS | (0 if follow_links else os.O_NOFOLLOW))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{Path(path).name} is a {kind(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise OSError(f"{Path(path).name} is larger than {limit} bytes")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise OSError(f"{Path(path).name} grew past {limit} bytes while it was read")
        return b"".join(chunks)
    finally:
        os.close(fd)
