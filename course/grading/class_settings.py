"""A class's own settings, set once in its nbgrader_config.py and read by every `course` command.

The class's time zone is nbgrader's own `Exchange.timezone` (the zone nbgrader stamps submissions in, and
formgrader shows times in): one line in the class folder's nbgrader_config.py, e.g.

    c.Exchange.timezone = "Asia/Karachi"

Why nbgrader's setting and not one of the course's: formgrader, `nbgrader collect` and the course's export,
release and LMS import then agree on what "17:00" means. Left unset, the course takes the machine's own zone
(nbgrader would take UTC, which shows 18:30 in Lahore as 13:30, before a 17:00 deadline).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone as dt_timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

CONFIG_FILE = "nbgrader_config.py"


class ClassSettingsError(ValueError):
    """A class setting that cannot be used; the message names the file and the option."""


def class_config(course_dir: Path):
    """The class folder's own nbgrader_config.py, alone (empty if it has none)."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if (Path(course_dir) / CONFIG_FILE).is_file():
        config.merge(PyFileConfigLoader(CONFIG_FILE, path=str(course_dir)).load_config())
    return config


def machine_zone_name() -> str:
    """The machine's own IANA zone: $TZ, else /etc/localtime's link, else /etc/timezone, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and _exists(name):
        return name
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if _exists(name):
                return name
    etc = Path("/etc/timezone")
    if etc.is_file():
        name = etc.read_text().strip()
        if _exists(name):
            return name
    return "UTC"


def _exists(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone(name: str, where: str = "") -> ZoneInfo:
    """`name` as a zone, or a ClassSettingsError that says where it came from and what would work."""
    if _exists(name):
        return ZoneInfo(name)
    near = sorted(z for z in available_timezones() if z.lower().endswith(name.lower().split("/")[-1]))[:3]
    hint = f" (did you mean {', '.join(near)}?)" if near else " (an IANA name such as Asia/Karachi)"
    raise ClassSettingsError(f"{where + ': ' if where else ''}{name!r} is not a time zone{hint}")


def timezone_name(course_dir: Path) -> str:
    """The class's time zone name: `Exchange.timezone` in its nbgrader_config.py, else the machine's."""
    config = class_config(course_dir)
    if "timezone" in config.Exchange:
        name = str(config.Exchange.timezone)
        zone(name, f"{Path(course_dir) / CONFIG_FILE}, c.Exchange.timezone")
        return name
    return machine_zone_name()


def timezone(course_dir: Path) -> ZoneInfo:
    return ZoneInfo(timezone_name(course_dir))


def local_time(moment: datetime | None, tz: ZoneInfo) -> str:
    """A gradebook time (naive datetimes there are UTC) as local time with its offset, e.g.
    '2026-12-20 18:30:00 +05:00'; '' for none."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt_timezone.utc)
    local = moment.astimezone(tz)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} {offset[:3]}:{offset[3:]}"
