"""The learner's side of `course`: start/update bring student versions of the assignments; progress checks them."""

import pytest

from course import cli, paths, progress
import quiz_course as quiz


@pytest.fixture
def course(tmp_path, monkeypatch):
    """The quiz as the course's assignments, and a build cache of the test's own."""
    root = quiz.make_course(tmp_path / "assignments")
    monkeypatch.setattr(paths, "ASSIGNMENTS", root)
    monkeypatch.setattr(paths, "BUILD", tmp_path / "build")
    return root


def test_every_subcommand_has_help(capsys):
    for command in ("start", "update", "progress", "check", "release", "grade", "feedback", "export"):
        with pytest.raises(SystemExit) as exit_:
            cli.main([command, "--help"])
        assert exit_.value.code == 0
        assert f"usage: course {command}" in capsys.readouterr().out


def test_start_gives_the_student_version_and_builds_it_once(course, tmp_path):
    ws = tmp_path / "ws"
    assert cli.main(["start", "--no-lab", "--workspace", str(ws)]) == 0
    mine = ws / "assignments" / "quiz" / "quiz.ipynb"
    text = mine.read_text()
    assert "raise NotImplementedError" in text
    assert "return 1991" not in text and "HIDDEN" not in text and "isinstance(year()" not in text
    built = tmp_path / "build" / "student" / "release" / "quiz" / "quiz.ipynb"
    stamp = built.stat().st_mtime_ns
    assert cli.main(["start", "--no-lab", "--workspace", str(tmp_path / "ws2")]) == 0
    assert built.stat().st_mtime_ns == stamp  # sources unchanged: not generated again


def test_update_merges_the_revision_and_keeps_the_learners_answers(course, tmp_path, capsys):
    ws = tmp_path / "ws"
    cli.main(["start", "--no-lab", "--workspace", str(ws)])
    mine = ws / "assignments" / "quiz" / "quiz.ipynb"
    nb = quiz.answered(mine, {"double": quiz.DOUBLE})
    import nbformat

    nbformat.write(nb, mine)
    source = course / "source" / "quiz" / "quiz.ipynb"  # the instructor revises the assignment
    source.write_text(source.read_text().replace("# Quiz", "# Quiz (revised)"))
    capsys.readouterr()
    assert cli.main(["update", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    text = mine.read_text()
    assert "# Quiz (revised)" in text and "return 2 * x" in text
    assert "updated assignments/quiz/quiz.ipynb" in out and "kept your edit" not in out
    assert list(mine.parent.glob("quiz.updated-*.ipynb")) == []
    assert cli.main(["update", "--workspace", str(ws)]) == 0
    assert "Everything is up to date." in capsys.readouterr().out


def test_a_conflict_in_an_answer_cell_keeps_the_answer_and_the_notebook_still_checks(course, tmp_path, capsys):
    import nbformat

    ws = tmp_path / "ws"
    cli.main(["start", "--no-lab", "--workspace", str(ws)])
    mine = ws / "assignments" / "quiz" / "quiz.ipynb"
    nbformat.write(quiz.answered(mine, {"double": quiz.DOUBLE}), mine)
    source = course / "source" / "quiz" / "quiz.ipynb"  # the course rewrites the question's starter code
    source.write_text(source.read_text().replace("def double(x):", "def double(x):  # x is a number"))
    capsys.readouterr()
    assert cli.main(["update", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "1 cell(s) changed by both you and the course" in out
    cells = nbformat.read(mine, as_version=4).cells
    assert any(c.cell_type == "raw" and "# x is a number" in c.source for c in cells)
    status = {q.grade_id: q.status for q in progress.check_workspace(ws, timeout=20)}
    assert status["test_double"] == "passes"


def test_progress_on_a_half_done_workspace(course, tmp_path, capsys):
    import nbformat

    ws = tmp_path / "ws"
    cli.main(["start", "--no-lab", "--workspace", str(ws)])
    mine = ws / "assignments" / "quiz" / "quiz.ipynb"
    nbformat.write(quiz.answered(mine, {"double": quiz.DOUBLE}), mine)
    capsys.readouterr()
    assert cli.main(["progress", "--workspace", str(ws), "--checks", "--timeout", "20"]) == 0
    out = capsys.readouterr().out
    status = {q.grade_id: q.status for q in progress.check_workspace(ws, timeout=20)}
    assert status == {"test_double": "passes", "test_year": "not answered", "essay": "not answered"}
    assert "visible tests pass for 2 of 5 points" in out
    assert "test_double" in out and "not answered" in out
    chart = ws / "progress-checks.html"
    assert chart.exists() and "plotly" in chart.read_text()[:200000].lower()
    assert "Study plan over 3 weeks" in out and (ws / "progress.html").exists()  # the record's page too
    # a wrong answer is a failing check, with the reason
    nbformat.write(quiz.answered(mine, {"year": "def year():\n    return 1990"}), mine)
    status = {q.grade_id: q.status for q in progress.check_workspace(ws, timeout=20)}
    assert status == {"test_double": "passes", "test_year": "fails", "essay": "not answered"}


def test_progress_without_assignments_says_what_to_do(tmp_path, capsys):
    assert cli.main(["progress", "--workspace", str(tmp_path)]) == 1
    assert "course start" in capsys.readouterr().out
