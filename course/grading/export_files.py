"""The grade export's files: a CSV that no spreadsheet runs as a formula, the same table as .xlsx, and both
written all or nothing.

Student ids, names and e-mail addresses are text a student may have chosen (a folder name under
submitted/ becomes an id): a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula. In the CSV such a text cell gets a single quote in front
(OWASP's advice for CSV injection); in the .xlsx it is written as a string cell, which a spreadsheet never
evaluates, and shown with a quote prefix so that editing it keeps it text.

Why openpyxl for the .xlsx: it is pure Python (nothing to install on an academy's Windows laptop), it
writes each cell's type explicitly, so a text cell is a string and never a formula (pandas' `to_excel`
goes through it anyway, without that control), and it sets the frozen header and the auto-filter a
teacher uses to pick out, say, every `essays not marked yet` row.

Why atomically: the export is usually re-run over last week's file; each file is written to a temporary
file in the same folder and renamed over the old one only when every file is complete, so a failed run
leaves the old export as it was.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The widest a column is drawn in the .xlsx, in characters.
MAX_WIDTH = 45


class ExportError(ValueError):
    """Bad input for an export: the message is one line naming what is wrong."""


def neutralise(value: str) -> str:
    """A text cell that a spreadsheet would read as a formula, with a single quote in front."""
    return "'" + value if value.startswith(FORMULA_START) else value


def check_target(path: Path) -> None:
    """Refuse, before anything is read or written, an output whose folder is missing or that is a folder."""
    path = Path(path)
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")


def _csv_value(column: str, value, numbers: frozenset) -> str | float | int:
    if value is None:
        return ""
    if column in numbers:
        return value
    return neutralise(str(value))


def write_csv(rows: list[dict], columns: tuple, numbers: frozenset, handle) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(c, row[c], numbers) for c in columns])


def write_xlsx(rows: list[dict], columns: tuple, numbers: frozenset, path: Path) -> None:
    """The same table as a workbook: string cells for text, numbers for numbers, header frozen, auto-filter."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "grades"
    widths = [len(c) for c in columns]
    for index, name in enumerate(columns, start=1):
        sheet.cell(row=1, column=index, value=name).font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row[column]
            if value is None:
                continue
            cell = sheet.cell(row=number, column=index)
            if column in numbers:
                cell.value = value
            else:
                text = ILLEGAL_CHARACTERS_RE.sub("", str(value))  # control characters cannot be stored in .xlsx
                cell.value = text
                cell.data_type = "s"  # openpyxl makes a formula of a str starting with "="; this keeps it text
                if text.startswith(FORMULA_START):
                    cell.quotePrefix = True
            widths[index - 1] = max(widths[index - 1], len(str(value)))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    book.save(path)


def write_all(rows: list[dict], columns: tuple, numbers: frozenset, csv_path: Path,
              xlsx_path: Path | None = None) -> None:
    """Write every file to a temporary file beside it, then rename them all; on any failure, none changes."""
    done: list[tuple[str, Path]] = []
    try:
        temporary = _temporary(csv_path)
        done.append((temporary, csv_path))
        with open(temporary, "w", newline="", encoding="utf-8") as handle:
            write_csv(rows, columns, numbers, handle)
        if xlsx_path is not None:
            temporary = _temporary(xlsx_path)
            done.append((temporary, xlsx_path))
            write_xlsx(rows, columns, numbers, Path(temporary))
    except OSError as error:
        for temporary, _ in done:
            Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write {done[-1][1] if done else csv_path}: {error.strerror or error}") from None
    except BaseException:
        for temporary, _ in done:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, target in done:
        os.replace(temporary, target)


def _temporary(target: Path) -> str:
    handle, name = tempfile.mkstemp(prefix=f".{Path(target).name}.", suffix=".tmp", dir=Path(target).resolve().parent)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only mode
    return name
