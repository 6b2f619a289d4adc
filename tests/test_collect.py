"""`course collect`: an LMS download filed under the students the LMS names, one table of every file's fate.

Fake downloads are built here as an LMS makes them: Moodle's "Download all submissions" zip (a folder per
participant), Google Classroom's per-student folders and `Full Name - original.ipynb` names, and the
e-mail route (files at the top level, no roster). Each notebook says whose work it is, so a test can see
that a file landed under the right student. One class is collected once per download (zip_collect runs
in this process, about a second each).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import nbformat
import pytest

import nbgrader_course

from course import cli

A1 = "a1_westernization"
NB = f"{A1}.ipynb"
ZONE = 'c.Exchange.timezone = "Asia/Karachi"'

ROSTER = """student_id,lms_name,lms_id,email
s2026-001,Learner Alpha,1001,alpha@example.org
s2026-002,Learner Bravo,1002,
s2026-003,Learner Charlie,1003,
s2026-004,Learner Delta,1004,
s2026-005,Learner Echo,1005,
s2026-006,Learner Foxtrot,1006,
s2026-007,Learner Golf,1007,
s2026-008,Learner Hotel,1008,
"""

# Moodle's grading worksheet, as it exports it (two students have a time; one never submitted)
MOODLE_TIMES = """Identifier,Full name,Email address,Status,Last modified (submission),Grade
Participant 1001,Learner Alpha,alpha@example.org,Submitted for grading,"Saturday, 5 December 2026, 4:55 PM",
Participant 1002,Learner Bravo,bravo@example.org,Submitted for grading,"Saturday, 5 December 2026, 6:31 PM",
Participant 1007,Learner Golf,golf@example.org,No submission,-,
"""


def notebook(author: str) -> bytes:
    """A minimal valid notebook that says whose it is."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(f"Answer written by {author}"))
    return nbformat.writes(nb).encode()


def author(path: Path) -> str:
    return nbformat.read(path, as_version=4).cells[0].source.removeprefix("Answer written by ")


def zip_bytes(members: dict[str, bytes], when=(2026, 12, 4, 10, 0, 0)) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return buffer.getvalue()


def folder(name: str, participant: int) -> str:
    return f"{name}_{participant}_assignsubmission_file_"


def moodle_zip(path: Path) -> Path:
    """Moodle's download: renamed, nested, late, doubled, an escaping member, an impersonation, a stranger."""
    buffer = io.BytesIO()
    members = [
        (f"{folder('Learner Alpha', 1001)}/s2026-001_a1_westernization (1).ipynb", notebook("Alpha"),
         (2026, 12, 5, 16, 50, 0)),
        (f"{folder('Learner Bravo', 1002)}/A1-Westernization.IPYNB", notebook("Bravo"), (2026, 12, 5, 18, 30, 0)),
        (f"{folder('Learner Bravo', 1002)}/notes.txt", b"my notes", (2026, 12, 5, 18, 30, 0)),
        (f"{folder('Learner Charlie', 1003)}/work.zip",
         zip_bytes({"work/a1_westernization.ipynb": notebook("Charlie")}, when=(2020, 1, 1, 0, 0, 0)),
         (2026, 12, 4, 10, 0, 0)),
        (f"{folder('Learner Delta', 1004)}/a1_westernization.ipynb", notebook("Delta, first"), (2026, 12, 4, 9, 0, 0)),
        (f"{folder('Learner Delta', 1004)}/a1_westernization (2).ipynb", notebook("Delta, second"),
         (2026, 12, 4, 9, 5, 0)),
        (f"{folder('Learner Echo', 1005)}/evil.zip",
         zip_bytes({"../../../escape.ipynb": notebook("Echo"), NB: notebook("Echo")}), (2026, 12, 4, 11, 0, 0)),
        (f"{folder('Learner Foxtrot', 1006)}/s2026-008_a1_westernization.ipynb", notebook("Foxtrot"),
         (2026, 12, 5, 12, 0, 0)),
        (f"{folder('Learner Hotel', 1008)}/{NB}", notebook("Hotel"), (2026, 12, 5, 13, 0, 0)),
        (f"{folder('Learner Stranger', 1999)}/{NB}", notebook("Zed"), (2026, 12, 5, 14, 0, 0)),
    ]
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, when in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
    path.write_bytes(buffer.getvalue())
    return path


def read_table(course: Path) -> dict[str, tuple[str, str, str, str]]:
    """The report CSV as file (or `missing student`) -> (result, student, submitted at, time from)."""
    with open(course / "reports" / f"{A1}-collect.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {row["file"] or f"missing {row['student']}": (row["result"], row["student"], row["submitted_at"],
                                                          row["time_from"]) for row in rows}


@pytest.fixture(scope="module")
def moodle(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("moodle")
    course = nbgrader_course.copy_course(tmp / "class", ZONE)
    (tmp / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp / "times.csv").write_text(MOODLE_TIMES, encoding="utf-8")
    download = moodle_zip(tmp / "submissions.zip")
    argv = ["collect", str(download), A1, "--course", str(course), "--roster", str(tmp / "roster.csv"),
            "--times", str(tmp / "times.csv")]
    code = cli.main(argv)
    return course, code, argv


def test_moodle_files_each_notebook_under_the_uploader_moodle_names(moodle):
    course, code, _ = moodle
    submitted = course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["s2026-001", "s2026-002", "s2026-003", "s2026-008"]
    for sid, who in [("s2026-001", "Alpha"), ("s2026-002", "Bravo"), ("s2026-003", "Charlie"), ("s2026-008", "Hotel")]:
        assert sorted(p.name for p in (submitted / sid / A1).iterdir()) == [NB, "timestamp.txt"]
        assert author(submitted / sid / A1 / NB) == who
    assert code == 1  # files were rejected


def test_times_come_from_the_lms_in_the_class_zone(moodle):
    course, _, _ = moodle

    def stamp(sid):
        return (course / "submitted" / sid / A1 / "timestamp.txt").read_text()

    assert stamp("s2026-001") == "2026-12-05 16:55:00+05:00"  # the worksheet, not the zip's 16:50
    assert stamp("s2026-002") == "2026-12-05 18:31:00+05:00"  # late for a 17:00 deadline
    assert stamp("s2026-003") == "2026-12-04 10:00:00+05:00"  # the LMS's entry for work.zip, not 2020 inside
    assert stamp("s2026-008") == "2026-12-05 13:00:00+05:00"


def test_the_table_names_every_file_and_every_student_without_work(moodle, capsys):
    course, _, _ = moodle
    table = read_table(course)
    alpha, bravo = folder("Learner Alpha", 1001), folder("Learner Bravo", 1002)
    charlie, delta, echo = folder("Learner Charlie", 1003), folder("Learner Delta", 1004), folder("Learner Echo", 1005)
    foxtrot, hotel, stranger = folder("Learner Foxtrot", 1006), folder("Learner Hotel", 1008), folder("Learner Stranger", 1999)
    zip_time = "zip entry time (not in the times CSV)"
    expected = {
        f"{alpha}/s2026-001_a1_westernization (1).ipynb":
            ("filed as s2026-001", "s2026-001", "2026-12-05 16:55:00 +05:00", "times CSV"),
        f"{bravo}/A1-Westernization.IPYNB":
            ("filed as s2026-002", "s2026-002", "2026-12-05 18:31:00 +05:00", "times CSV"),
        f"{bravo}/notes.txt": ("ignored: not a notebook", "s2026-002", "", ""),
        f"{charlie}/work.zip/work/a1_westernization.ipynb":
            ("filed as s2026-003", "s2026-003", "2026-12-04 10:00:00 +05:00",
             "zip entry time of work.zip (not in the times CSV)"),
        f"{hotel}/{NB}": ("filed as s2026-008", "s2026-008", "2026-12-05 13:00:00 +05:00", zip_time),
        "missing s2026-007": ("missing: no submission in the download", "s2026-007", "", ""),
    }
    for sid in ("s2026-004", "s2026-005", "s2026-006"):
        expected[f"missing {sid}"] = ("missing: nothing filed (see the rejected rows above)", sid, "", "")
    for name, row in expected.items():
        assert table[name] == row, name
    rejected = {name: row for name, row in table.items() if name not in expected}
    assert sorted(rejected) == sorted([f"{delta}/{NB}", f"{delta}/a1_westernization (2).ipynb",
                                       f"{echo}/evil.zip/../../../escape.ipynb", f"{echo}/evil.zip/{NB}",
                                       f"{foxtrot}/s2026-008_a1_westernization.ipynb", f"{stranger}/{NB}"])
    assert all(row[0].startswith("rejected: ") for row in rejected.values())
    for name in (f"{delta}/{NB}", f"{delta}/a1_westernization (2).ipynb"):
        assert table[name][:2] == (f"rejected: nothing of s2026-004 filed: 2 different files for {NB}: keep one "
                                   "and collect again", "s2026-004")
    assert "a path that leads out of the archive" in table[f"{echo}/evil.zip/../../../escape.ipynb"][0]
    assert table[f"{echo}/evil.zip/{NB}"][0] == ("rejected: nothing of s2026-005 filed: unsafe member "
                                                 "'../../../escape.ipynb': a path that leads out of the archive")
    assert table[f"{foxtrot}/s2026-008_a1_westernization.ipynb"][:2] == (
        "rejected: named for s2026-008 but uploaded by s2026-006 (Moodle participant 1006 (Learner Foxtrot))",
        "s2026-006")
    assert table[f"{stranger}/{NB}"][0] == "rejected: Moodle participant 1999 (Learner Stranger) is not in the roster"
    assert not (course.parent / "escape.ipynb").exists() and not Path("escape.ipynb").exists()


def test_collecting_again_needs_force_and_changes_nothing_without_it(moodle, capsys):
    course, _, argv = moodle
    before = (course / "submitted" / "s2026-001" / A1 / NB).read_bytes()
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err]
    assert "submitted/s2026-001/a1_westernization: already collected" in err and "--force" in err
    assert (course / "submitted" / "s2026-001" / A1 / NB).read_bytes() == before
    assert cli.main(argv + ["--force"]) == 1
    out = capsys.readouterr().out
    assert "4 filed, 6 rejected, 1 ignored, 4 missing" in out
    assert author(course / "submitted" / "s2026-008" / A1 / NB) == "Hotel"


def test_google_classroom_folders_and_names_with_a_link_failing_one_student(tmp_path, capsys):
    course = nbgrader_course.copy_course(tmp_path / "class", ZONE)
    (tmp_path / "roster.csv").write_text("student_id,lms_name\ns2026-001,Learner Alpha\ns2026-002,Learner Bravo\n"
                                         "s2026-003,Learner Charlie\n", encoding="utf-8")
    (tmp_path / "times.csv").write_text("student_id,submitted_at\ns2026-002,2026-12-05T17:20:00\n")
    download = tmp_path / "classroom"
    (download / "Learner Alpha").mkdir(parents=True)
    (download / "Learner Alpha" / "A1 Westernization(2).ipynb").write_bytes(notebook("Alpha"))
    os.utime(download / "Learner Alpha" / "A1 Westernization(2).ipynb", (1796475600, 1796475600))
    (download / "Learner Bravo - a1_westernization (1).ipynb").write_bytes(notebook("Bravo"))
    (download / "Learner Charlie").mkdir()
    (download / "Learner Charlie" / NB).write_bytes(notebook("Charlie"))
    (tmp_path / "elsewhere.ipynb").write_bytes(notebook("not Charlie"))
    (download / "Learner Charlie" / "extra.ipynb").symlink_to(tmp_path / "elsewhere.ipynb")
    code = cli.main(["collect", str(download), A1, "--course", str(course), "--roster", str(tmp_path / "roster.csv"),
                     "--times", str(tmp_path / "times.csv")])
    assert code == 1
    assert author(course / "submitted" / "s2026-001" / A1 / NB) == "Alpha"
    assert author(course / "submitted" / "s2026-002" / A1 / NB) == "Bravo"
    assert not (course / "submitted" / "s2026-003").exists()
    assert (course / "submitted" / "s2026-002" / A1 / "timestamp.txt").read_text() == "2026-12-05 17:20:00+05:00"
    table = read_table(course)
    assert table == {
        "Learner Alpha/A1 Westernization(2).ipynb":
            ("filed as s2026-001", "s2026-001", "2026-12-05 18:00:00 +05:00", "file modified time (not in the "
                                                                                "times CSV)"),
        "Learner Bravo - a1_westernization (1).ipynb":
            ("filed as s2026-002", "s2026-002", "2026-12-05 17:20:00 +05:00", "times CSV"),
        f"Learner Charlie/{NB}": ("rejected: nothing of s2026-003 filed: unsafe member "
                           "'Learner Charlie/extra.ipynb': a symbolic link", "s2026-003", "", ""),
        "Learner Charlie/extra.ipynb": ("rejected: unsafe member 'Learner Charlie/extra.ipynb': a symbolic link", "s2026-003",
                                 "", ""),
        "missing s2026-003": ("missing: nothing filed (see the rejected rows above)", "s2026-003", "", ""),
    }
    printed = capsys.readouterr().out
    assert "2 filed, 2 rejected, 0 ignored, 1 missing" in printed and "Learner Charlie/extra.ipynb" in printed


def test_without_a_roster_only_top_level_course_names_are_filed_and_it_says_so(tmp_path, capsys):
    course = nbgrader_course.copy_course(tmp_path / "class", ZONE)
    download = tmp_path / "email"
    (download / "someone").mkdir(parents=True)
    (download / "s2026-028_a1_westernization (1).ipynb").write_bytes(notebook("028"))
    (download / "s2026_029-A1 Westernization.ipynb").write_bytes(notebook("029"))
    (download / "someone" / "s2026-030_a1_westernization.ipynb").write_bytes(notebook("030"))
    (download / "a2_dissociation.ipynb").write_bytes(notebook("nobody"))
    (download / "s2026-031_a2_dissociation.ipynb").write_bytes(notebook("031"))
    assert cli.main(["collect", str(download), A1, "--course", str(course)]) == 1
    assert author(course / "submitted" / "s2026-028" / A1 / NB) == "028"
    assert author(course / "submitted" / "s2026-029" / A1 / NB) == "029"
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["s2026-028", "s2026-029"]
    table = read_table(course)
    assert table["s2026-028_a1_westernization (1).ipynb"][:2] == ("filed as s2026-028", "s2026-028")
    assert table["s2026-028_a1_westernization (1).ipynb"][3] == "file modified time"
    assert table["s2026_029-A1 Westernization.ipynb"][:2] == ("filed as s2026-029", "s2026-029")
    assert table["someone/s2026-030_a1_westernization.ipynb"][0] == (
        "rejected: folder 'someone': no --roster to say whose it is (files in folders need one)")
    assert table["a2_dissociation.ipynb"][0] == ("rejected: no roster, and not named "
                                                 "<student_id>_<notebook>.ipynb at the top level (give --roster)")
    assert table["s2026-031_a2_dissociation.ipynb"][0].startswith("rejected: no roster")
    assert len(table) == 5
    out = capsys.readouterr().out
    assert "No roster: owners were read from file names <student_id>_<notebook>.ipynb at the top level" in out


@pytest.mark.parametrize("name, content, where", [
    ("roster.csv", "student_id,lms_id\ns2026-001,1001\ns2026-001,1002\n",
     "roster.csv, row 3, column student_id: 's2026-001' is already on row 2"),
    ("roster.csv", "student_id,lms_id\n-s2026,1001\n",
     "roster.csv, row 2, column student_id: '-s2026' is not a student id"),
    ("roster.csv", "student_id,lms_id\ns2026 001,1001\n",
     "roster.csv, row 2, column student_id: 's2026 001' is not a student id"),
    ("times.csv", "name,when\nAyesha,yesterday\n",
     "times.csv, row 1: columns name, when are neither Moodle's grading worksheet"),
    ("times.csv", "student_id,submitted_at\ns2026-001,5/12/2026 6pm\n",
     "times.csv, row 2, column submitted_at: '5/12/2026 6pm' is not a time"),
    ("download.zip", "this is not a zip", "download.zip: not a zip file the course can open"),
])
def test_bad_input_is_one_line_naming_file_row_and_column_and_writes_nothing(tmp_path, capsys, name, content,
                                                                             where):
    course = nbgrader_course.copy_course(tmp_path / "class", ZONE)
    files = {"roster.csv": ROSTER, "times.csv": "student_id,submitted_at\n", "download.zip": None}
    files[name] = content
    for file, text in files.items():
        if text is not None:
            (tmp_path / file).write_text(text, encoding="utf-8")
    if files["download.zip"] is None:
        moodle_zip(tmp_path / "download.zip")
    code = cli.main(["collect", str(tmp_path / "download.zip"), A1, "--course", str(course),
                     "--roster", str(tmp_path / "roster.csv"), "--times", str(tmp_path / "times.csv")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.splitlines() == [err] and where in err, err
    assert not (course / "submitted").exists() and not (course / "reports").exists()


def test_absolute_paths_links_and_broken_archives_fail_their_student_alone_and_land_nowhere(tmp_path):
    course = nbgrader_course.copy_course(tmp_path / "class", ZONE)
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    link = zipfile.ZipInfo(f"{folder('Learner Alpha', 1001)}/{NB}", date_time=(2026, 12, 5, 10, 0, 0))
    link.external_attr = 0o120777 << 16  # a symbolic link, as zip stores one
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(link, "../../outside-the-class")  # a link out of the download
        archive.writestr(f"{folder('Learner Bravo', 1002)}/work.zip",
                         zip_bytes({f"{tmp_path}/planted.ipynb": notebook("Bravo"), NB: notebook("Bravo")}))
        archive.writestr(f"{folder('Learner Charlie', 1003)}/{NB}", notebook("Charlie"))
        archive.writestr(f"{folder('Learner Delta', 1004)}/work.zip", b"PK\x03\x04 cut short by a failed upload")
    (tmp_path / "download.zip").write_bytes(buffer.getvalue())
    assert cli.main(["collect", str(tmp_path / "download.zip"), A1, "--course", str(course),
                     "--roster", str(tmp_path / "roster.csv")]) == 1
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["s2026-003"]
    assert not (tmp_path / "planted.ipynb").exists()
    table = read_table(course)
    assert table[f"{folder('Learner Alpha', 1001)}/{NB}"][:2] == (
        f"rejected: unsafe member '{folder('Learner Alpha', 1001)}/{NB}': a symbolic link", "s2026-001")
    bravo = f"{folder('Learner Bravo', 1002)}/work.zip"
    absolute = f"unsafe member '{tmp_path}/planted.ipynb': an absolute path"
    assert table[f"{bravo}/{tmp_path}/planted.ipynb"][:2] == (f"rejected: {absolute}", "s2026-002")
    assert table[f"{bravo}/{NB}"][:2] == (f"rejected: nothing of s2026-002 filed: {absolute}", "s2026-002")
    assert table[f"{folder('Learner Charlie', 1003)}/{NB}"][:2] == ("filed as s2026-003", "s2026-003")
    assert table[f"{folder('Learner Delta', 1004)}/work.zip"][:2] == (
        "rejected: 'work.zip' is a broken archive (File is not a zip file)", "s2026-004")
    assert table["missing s2026-004"][0] == "missing: nothing filed (see the rejected rows above)"
