"""An LMS download (a zip or a folder) read into memory as a list of files, trusting none of its names.

Why in memory and never unpacked: a member called `../../gradebook.db`, `/etc/x` or a symlink cannot
land anywhere if nothing is written by its name. Each file becomes an `Item` with its path split into
parts; an unsafe path, a link, a broken or encrypted member becomes an Item with a `problem` and no bytes,
so that the owner of the folder it sits in fails alone and the rest of the class is read. A student's own
archive inside their folder (`work.zip`) is opened the same way, one level deep; its members take the
archive's time (the LMS's), since the times inside it were set on the student's machine.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone
from pathlib import Path
from zoneinfo import ZoneInfo

#: a notebook is a few MB at most; anything bigger (or a zip bomb) is refused, not read
MAX_FILE = 50 * 1024 * 1024
MAX_TOTAL = 2 * 1024 * 1024 * 1024


class DownloadError(ValueError):
    """The download itself cannot be read (not a zip, no such folder): one line, nothing collected."""


@dataclass
class Item:
    parts: tuple[str, ...]        # path in the download; an archive's members follow the archive's name
    data: bytes | None = None
    when: datetime | None = None  # aware
    time_from: str = ""           # "zip entry time", "file modified time", "zip entry time of work.zip"
    problem: str = ""             # unsafe or unreadable: the owner's whole submission fails

    @property
    def name(self) -> str:
        return "/".join(self.parts)


def is_archive(name: str) -> bool:
    return name.lower().endswith(".zip")


def _unsafe(name: str) -> str:
    """Why a member name may not be used ('' if it may): absolute, a drive, or a step up."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"unsafe member {name!r}: an absolute path"
    if ".." in name.replace("\\", "/").split("/"):
        return f"unsafe member {name!r}: a path that leads out of the archive"
    return ""


def _parts(name: str) -> tuple[str, ...]:
    return tuple(p for p in name.replace("\\", "/").split("/") if p not in ("", "."))


def read_zip(source, zone: ZoneInfo, prefix: tuple[str, ...] = (), label: str = "zip entry time") -> list[Item]:
    """Every file member of the zip `source` (a path or bytes) as Items; raises zipfile.BadZipFile
    (or OSError) when the archive as a whole cannot be opened."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    items, total = [], 0
    with zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            parts = prefix + (_parts(info.filename) or (info.filename,))
            when = _zip_time(info, zone)
            item = Item(parts, when=when, time_from=label)
            mode = info.external_attr >> 16
            if _unsafe(info.filename):
                item.problem = _unsafe(info.filename)
                if item.problem.endswith("an absolute path"):
                    item.parts = prefix + (info.filename,)
                else:  # the steps up stay in the path, so the folder it was put in still names its owner
                    item.parts = prefix + tuple(p for p in info.filename.replace("\\", "/").split("/") if p)
            elif stat.S_ISLNK(mode):
                item.problem = f"unsafe member {info.filename!r}: a symbolic link"
            elif info.flag_bits & 0x1:
                item.problem = f"{info.filename!r} is encrypted (password-protected)"
            elif info.file_size > MAX_FILE or total + info.file_size > MAX_TOTAL:
                item.problem = f"{info.filename!r} is too large ({info.file_size} bytes) for a notebook"
            else:
                try:
                    item.data = archive.read(info)
                    total += len(item.data)
                except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as e:
                    item.problem = f"{info.filename!r} cannot be read from the archive ({e})"
            items.append(item)
    return items


def _zip_time(info: zipfile.ZipInfo, zone: ZoneInfo) -> datetime | None:
    """A zip entry's time carries no zone: it is the LMS's clock, read in the class's zone."""
    try:
        return datetime(*info.date_time, tzinfo=zone)
    except ValueError:
        return None


def read_folder(root: Path, zone: ZoneInfo) -> list[Item]:
    """Every regular file under `root`, links and special files reported, never followed."""
    items = []
    stack = [(root, ())]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                parts = prefix + (entry.name,)
                if entry.is_symlink():
                    items.append(Item(parts, problem=f"unsafe member {'/'.join(parts)!r}: a symbolic link"))
                elif entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), parts))
                elif not entry.is_file(follow_symlinks=False):
                    items.append(Item(parts, problem=f"{'/'.join(parts)!r} is not a regular file"))
                else:
                    mtime = datetime.fromtimestamp(entry.stat(follow_symlinks=False).st_mtime, dt_timezone.utc)
                    item = Item(parts, when=mtime.astimezone(zone), time_from="file modified time")
                    if entry.stat(follow_symlinks=False).st_size > MAX_FILE:
                        item.problem = f"{'/'.join(parts)!r} is too large for a notebook"
                    else:
                        fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
                        with os.fdopen(fd, "rb") as fh:
                            item.data = fh.read(MAX_FILE + 1)
                    items.append(item)
    return sorted(items, key=lambda i: i.parts)


def read(download: Path, zone: ZoneInfo) -> list[Item]:
    """The download's files, with the students' own archives (one level deep) opened in place."""
    download = Path(download)
    if download.is_dir():
        items = read_folder(download, zone)
    elif download.is_file():
        try:
            items = read_zip(download, zone)
        except (zipfile.BadZipFile, OSError) as error:
            raise DownloadError(f"{download}: not a zip file the course can open ({error})") from None
    else:
        raise DownloadError(f"{download}: no such file or folder")
    out = []
    for item in items:
        if item.problem or not is_archive(item.parts[-1]) or item.data is None:
            out.append(item)
            continue
        try:
            inner = read_zip(item.data, zone, prefix=item.parts, label=f"{item.time_from} of {item.parts[-1]}")
        except (zipfile.BadZipFile, OSError) as error:
            item.problem = f"{item.parts[-1]!r} is a broken archive ({error})"
            out.append(item)
            continue
        for member in inner:
            member.when, member.time_from = item.when, f"{item.time_from} of {item.parts[-1]}"
            if not member.problem and is_archive(member.parts[-1]):
                member.data, member.problem = None, "an archive inside an archive: unpack it and collect again"
        out += inner
    return out
