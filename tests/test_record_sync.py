"""One record across devices: a record file exported from the site's progress page merges into the
workspace's record with `course progress --import`, each event once, strictly read (a bad line is named
and nothing is written), the laptop's own events kept; `--export` writes the site's import format."""

import json

import pytest

from course import cli
from course.content import paths
from course.learner import record, workspace

HEADER = "# Assignment 1: a test\n\nAllow about two hours."


@pytest.fixture
def ws(tmp_path):
    """A workspace as `course start` leaves it, with one assignment and one event recorded on the laptop."""
    source = tmp_path / "course"
    source.mkdir()
    (source / "a1_test.ipynb").write_text(json.dumps({
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": HEADER}], "metadata": {},
        "nbformat": 4, "nbformat_minor": 5}))
    sources = workspace.lesson_sources(paths.NOTEBOOKS)
    sources["assignments/a1_test/a1_test.ipynb"] = source / "a1_test.ipynb"
    folder = tmp_path / "ws"
    workspace.sync(sources, folder)
    record.append(folder, {"kind": "check", "assignment": "a1_test", "question": "Q1", "points": 1.0, "max": 1,
                           "at": "2026-12-01T09:00:00+00:00"})
    record.append(folder, {"kind": "selfcheck", "lesson": "01", "question": 1, "right": False, "attempt": 1,
                           "at": "2026-12-01T09:05:00+00:00"})
    return folder


def _site_line(event: dict) -> str:
    """A line as the site's record.js writes it: sorted keys, JavaScript numbers (1, never 1.0)."""
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(event[k], ensure_ascii=False)}"
                           for k in sorted(event)) + "}\n"


def _phone_record(tmp_path):
    """Lesson 00's self-check done on a phone (Q2 right at the second try), the laptop's check seen too."""
    from course.content.banks import load_bank

    events = [{"kind": "check", "assignment": "a1_test", "question": "Q1", "points": 1, "max": 1,
               "at": "2026-12-01T09:00:00+00:00"}]  # imported earlier from the laptop: 1 here, 1.0 there
    for q in load_bank("00"):
        if q.number == 2:
            events.append({"kind": "selfcheck", "lesson": "00", "question": 2, "right": False, "attempt": 1,
                           "at": "2026-12-02T08:00:01+00:00"})
        events.append({"kind": "selfcheck", "lesson": "00", "question": q.number, "right": True,
                       "attempt": 2 if q.number == 2 else 1, "at": f"2026-12-02T08:00:{q.number + 10:02d}+00:00"})
    path = tmp_path / "course-record.jsonl"
    path.write_text("".join(_site_line(e) for e in events), encoding="utf-8")
    return path, events


def _progress(ws, *extra, capsys):
    code = cli.main(["progress", "--workspace", str(ws), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_phone_record_imports_once_and_progress_shows_its_self_checks(ws, tmp_path, capsys):
    laptop = (ws / ".course" / "record.jsonl").read_bytes()
    path, events = _phone_record(tmp_path)
    code, out, _ = _progress(ws, "--import", str(path), capsys=capsys)
    assert code == 0
    assert f"Imported {len(events) - 1} new events from course-record.jsonl." in out
    assert "00  Start here" in out and "done, to revise Q2 (wrong first try)" in out
    assert "1 of 1 marks" in out  # the laptop's check, once
    after = (ws / ".course" / "record.jsonl").read_bytes()
    assert after.startswith(laptop)  # the laptop's lines come first, byte for byte
    assert len(record.read(ws).events) == 2 + len(events) - 1
    assert any(e["lesson"] == "01" for e in record.read(ws).of_kind("selfcheck"))  # the laptop's try kept

    code, out, _ = _progress(ws, "--import", str(path), capsys=capsys)
    assert code == 0 and "Imported 0 new events" in out
    assert (ws / ".course" / "record.jsonl").read_bytes() == after


def test_a_bad_line_is_named_and_nothing_is_written(ws, tmp_path, capsys):
    path, _ = _phone_record(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    lines.insert(3, '{"kind": "selfcheck", "lesson": "00", "question": "three", "right": true}\n')
    path.write_text("".join(lines))
    before = (ws / ".course" / "record.jsonl").read_bytes()
    code, _, err = _progress(ws, "--import", str(path), capsys=capsys)
    assert code == 1
    assert err.strip() == ("course progress: course-record.jsonl, line 4: selfcheck event without a valid "
                           "'question'; nothing was imported.")
    assert (ws / ".course" / "record.jsonl").read_bytes() == before
    assert not [p for p in (ws / ".course").iterdir() if p.name != "record.jsonl" and p.suffix == ".tmp"]

    path.write_bytes(b'{"kind": "reveal", "lesson": "00", "question": 1, "at": "x"}\n\xff\xfe\n')
    code, _, err = _progress(ws, "--import", str(path), capsys=capsys)
    assert code == 1 and "course-record.jsonl, line 2: not a complete JSON line" in err
    assert (ws / ".course" / "record.jsonl").read_bytes() == before

    code, _, err = _progress(ws, "--import", str(tmp_path / "missing.jsonl"), capsys=capsys)
    assert code == 1 and "missing.jsonl: no such record file" in err


def test_export_writes_the_sites_format_and_a_damaged_laptop_line_survives_an_import(ws, tmp_path, capsys):
    with open(ws / ".course" / "record.jsonl", "a") as handle:
        handle.write('{"kind": "selfcheck", "cut sh')  # a crash in the middle of a line
    out_file = tmp_path / "export.jsonl"
    code, out, _ = _progress(ws, "--export", str(out_file), capsys=capsys)
    assert code == 0 and "Exported 2 events" in out
    exported = [json.loads(raw) for raw in out_file.read_text().splitlines()]
    assert [e["kind"] for e in exported] == ["check", "selfcheck"]
    assert out_file.read_text().splitlines()[1] == _site_line(exported[1]).strip()  # what the site writes

    path, _ = _phone_record(tmp_path)
    code, out, _ = _progress(ws, "--import", str(path), capsys=capsys)
    text = (ws / ".course" / "record.jsonl").read_text()
    assert code == 0 and '{"kind": "selfcheck", "cut sh\n' in text  # kept as it was, the new events after it
    assert "record.jsonl, line 3: not a complete JSON line" in out
    assert "done, to revise Q2 (wrong first try)" in out
