"""Load the course's tables: `load("events")` gives a validated, typed DataFrame.

Every table is read as text first and checked against its declaration in `course.schemas` with pandera,
so a bad cell is reported as the learner sees it in a spreadsheet (file, row, column, value) instead of a
pandas traceback. Only then are types applied: partial dates become timestamps (first day of the period)
with their precision kept beside them, allowed-value columns become ordered categoricals, yes/no becomes
bool.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from course.paths import DATA
from course.schemas import ARTICLES, PRECISIONS, TABLES, YESNO, Table
from course.tables import show_whole_text

DATA_DIR = DATA

show_whole_text()  # every table a lesson shows keeps its whole text (see course.tables)

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
#: Rounded answers to one question may add up to a little over 100.
POLL_SUM_LIMIT = 102


class DataError(ValueError):
    """A table breaks its declaration. `problems` lists (row, column, value, what is wrong)."""

    def __init__(self, file: str, problems: list[tuple[int | None, str | None, str | None, str]]):
        self.file = file
        self.problems = problems
        self.row, self.column, self.value, self.reason = problems[0]
        lines = [f"{file}: {len(problems)} problem(s)"] + [_describe(p) for p in problems[:10]]
        if len(problems) > 10:
            lines.append(f"  ... and {len(problems) - 10} more")
        super().__init__("\n".join(lines))


def _describe(problem) -> str:
    row, column, value, reason = problem
    where = [f"row {row}" if row is not None else None, f"column '{column}'" if column else None]
    where = ", ".join(w for w in where if w)
    shown = f": value {value!r}" if value is not None else ""
    return f"  {where}{shown}: {reason}" if where else f"  {reason}"


def precision_of(text: str) -> str:
    """'1812' -> 'year', '1815-06' -> 'month', '1815-09-26' -> 'day'."""
    return {4: "year", 7: "month", 10: "day"}[len(text)]


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    padded = text + {4: "-01-01", 7: "-01", 10: ""}[len(text)]
    return not pd.isna(pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce"))


def _element_check(kind, choices) -> tuple[callable, str] | None:
    if kind == "date":
        return _is_date, "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    if kind == "slug":
        return _SLUG.match, "is not a lowercase slug (letters, digits, - or _)"
    if kind == "year":
        return (lambda v: v.isdigit() and len(v) == 4), "is not a four-digit year"
    if kind == "count":
        return str.isdigit, "is not a whole number of zero or more"
    if kind == "percent":
        return _is_percent, "is not a percent between 0 and 100"
    if kind == "number":
        return _is_number, "is not a number (digits, an optional - sign and decimal point)"
    if kind == "yesno":
        return (lambda v: v in YESNO), "must be yes or no"
    if kind == "articles":
        return (
            lambda v: all(a in ARTICLES for a in v.split(";")),
            f"must be article keys separated by ';' ({', '.join(ARTICLES)})",
        )
    if kind == "choice":
        return (lambda v: v in choices), f"must be one of: {', '.join(choices)}"
    return None


def _is_percent(text: str) -> bool:
    try:
        return 0 <= float(text) <= 100
    except ValueError:
        return False


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", text) is not None


def _column_checks(table: Table) -> dict[str, pa.Column]:
    columns = {}
    for f in table.fields:
        checks = []
        if f.required:
            checks.append(pa.Check(lambda s: s.str.strip() != "", name=f"{f.name}|is empty but required"))
        rule = _element_check(f.kind, f.choices)
        if rule:
            test, reason = rule
            checks.append(
                pa.Check(lambda s, t=test: s.eq("") | s.map(lambda v: bool(t(v))), name=f"{f.name}|{reason}")
            )
        columns[f.name] = pa.Column(str, checks=checks, nullable=False)
    return columns


def _table_checks(table: Table) -> list[pa.Check]:
    """Rules across columns or rows. Each check's name is 'column|reason' for the report."""
    checks = []
    for date_col, prec_col in table.precision_of.items():
        checks.append(
            pa.Check(
                lambda df, d=date_col, p=prec_col: df[d].map(lambda v: precision_of(v) if _is_date(v) else None)
                .fillna(df[p]).eq(df[p]),
                name=f"{prec_col}|does not match the form of '{date_col}'",
            )
        )
    if table.name == "polls":
        checks.append(pa.Check(_poll_sums_ok, name=f"percent|main answers of this wave add up to more than "
                                                   f"{POLL_SUM_LIMIT}"))
    if table.name == "institutions":
        checks.append(pa.Check(_dates_in_order, name="suspended_date|dates out of order (start <= suspended <= ended)"))
        checks.append(pa.Check(_status_agrees, name="status_as_of|disagrees with the dates (ended -> ended, "
                                                    "suspended -> suspended, neither -> active)"))
    return checks


def _poll_sums_ok(df: pd.DataFrame) -> pd.Series:
    main = df["answer_kind"].eq("main")
    pct = pd.to_numeric(df["percent"], errors="coerce").where(main, 0).fillna(0)
    totals = pct.groupby([df["series"], df["country_polled"], df["field_date"]]).transform("sum")
    return ~main | (totals <= POLL_SUM_LIMIT)


def _pad(s: pd.Series) -> pd.Series:
    return s.map(lambda v: v + {4: "-01-01", 7: "-01"}.get(len(v), "") if v else v)


def _dates_in_order(df: pd.DataFrame) -> pd.Series:
    start, susp, end = (_pad(df[c]) for c in ("start_date", "suspended_date", "ended_date"))
    ok_susp = susp.eq("") | (susp >= start)
    ok_end = end.eq("") | ((end >= start) & (susp.eq("") | (end >= susp)))
    return ok_susp & ok_end


def _status_agrees(df: pd.DataFrame) -> pd.Series:
    expected = df["ended_date"].ne("").map({True: "ended"}).fillna(
        df["suspended_date"].ne("").map({True: "suspended", False: "active"})
    )
    return expected.eq(df["status_as_of"])


def schema_for(table: Table) -> pa.DataFrameSchema:
    """The pandera schema that `load` enforces, built from the declaration in `course.schemas`."""
    return pa.DataFrameSchema(
        _column_checks(table), checks=_table_checks(table), unique=list(table.key), strict=True, coerce=False
    )


def read_raw(path: Path, table: Table) -> pd.DataFrame:
    """The CSV as text, checked for its header and encoding; raises DataError naming the file."""
    shown = _shown(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataError(shown, [(None, None, None, "file not found")]) from None
    except UnicodeDecodeError as err:
        raise DataError(shown, [(None, None, None, f"not UTF-8 text ({err.reason})")]) from None
    except pd.errors.ParserError as err:
        raise DataError(shown, [(None, None, None, f"not a well-formed CSV: {err}")]) from None
    missing = [c for c in table.columns if c not in raw.columns]
    extra = [c for c in raw.columns if c not in table.columns]
    problems = [(1, c, None, "required column is missing from the header") for c in missing]
    problems += [(1, c, None, "column is not declared in course/schemas.py") for c in extra]
    if problems:
        raise DataError(shown, problems)
    return raw[table.columns]


def _shown(path: Path) -> str:
    """The file name as a learner finds it: relative to the project when it lives there."""
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)


def validate(raw: pd.DataFrame, table: Table, file: str) -> None:
    """Raise DataError listing every broken cell of a text-only table."""
    try:
        schema_for(table).validate(raw, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError(file, _problems(err.failure_cases, raw, table)) from None


def _problems(cases: pd.DataFrame, raw: pd.DataFrame, table: Table) -> list:
    problems = []
    for case in cases.itertuples():
        index = None if pd.isna(case.index) else int(case.index)
        row = None if index is None else index + 2  # header is row 1
        check = str(case.check)
        if check == "multiple_fields_uniqueness":
            if case.column != table.key[0]:
                continue
            key = raw.loc[index, list(table.key)]
            first = raw[(raw[list(table.key)] == key.to_numpy()).all(axis=1)].index.min() + 2
            if first == row:
                continue
            problems.append((row, ",".join(table.key), "/".join(key), f"duplicate key (first at row {first})"))
        elif "|" in check:
            column, reason = check.split("|", 1)
            if case.schema_context == "DataFrameSchema" and case.column != column:
                continue  # pandera repeats table-wide failures under every column
            value = None if index is None else raw.loc[index, column]
            problems.append((row, column, value, reason))
        else:
            problems.append((row, case.column, str(case.failure_case), check))
    return sorted(set(problems), key=lambda p: (p[0] or 0, table.columns.index(p[1]) if p[1] in table.columns else 0))


def _typed(raw: pd.DataFrame, table: Table) -> pd.DataFrame:
    df = raw.copy()
    for f in table.fields:
        col = df[f.name]
        if f.kind == "date":
            df[f"{f.name}_label"] = col
            if f.name not in table.precision_of:
                df[f"{f.name}_precision"] = pd.Categorical(
                    col.map(lambda v: precision_of(v) if v else None), categories=PRECISIONS, ordered=True
                )
            df[f.name] = pd.to_datetime(_pad(col).replace("", None), format="%Y-%m-%d")
        elif f.kind == "choice":
            df[f.name] = pd.Categorical(col.replace("", None), categories=f.choices, ordered=True)
        elif f.kind == "yesno":
            df[f.name] = col.eq("yes")
        elif f.kind in ("year", "count"):
            df[f.name] = col.astype(int)
        elif f.kind in ("percent", "number"):
            df[f.name] = col.astype(float)
    return df


def load_file(path: str | Path, name: str) -> pd.DataFrame:
    """Validate and type the CSV at `path` as table `name` (used for tests and for an instructor's own data)."""
    table = TABLES[name]
    path = Path(path)
    raw = read_raw(path, table)
    validate(raw, table, _shown(path))
    return _typed(raw, table)


@lru_cache(maxsize=None)
def _load_cached(name: str, mtime_ns: int) -> pd.DataFrame:
    return load_file(DATA_DIR / TABLES[name].file, name)


def load(name: str) -> pd.DataFrame:
    """One of the course's tables, validated and typed: events, polls, institutions, episodes, questions, glossary,
    un_votes, economy.

    Each call returns a fresh copy, so a lesson may change it freely.
    """
    if name not in TABLES:
        raise KeyError(f"no table named {name!r}; the tables are: {', '.join(TABLES)}")
    path = DATA_DIR / TABLES[name].file
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    return _load_cached(name, mtime).copy()


def mentions(df: pd.DataFrame, article: str, column: str = "articles") -> pd.Series:
    """Rows whose `articles` list names `article` (one of the keys in course.schemas.ARTICLES)."""
    if article not in ARTICLES:
        raise KeyError(f"unknown article {article!r}; use one of {', '.join(ARTICLES)}")
    return df[column].str.split(";").map(lambda keys: article in keys)


def describe(name: str) -> pd.DataFrame:
    """A table's declaration as a DataFrame: one row per column with its type, rule and description."""
    table = TABLES[name]
    return pd.DataFrame(
        [
            {"column": f.name, "kind": f.kind, "required": f.required, "allowed": ", ".join(f.choices),
             "description": f.description}
            for f in table.fields
        ]
    )
