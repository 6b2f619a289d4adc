"""The PostgreSQL route: `course grade --db postgresql+psycopg://...` on a real server, in parallel."""

from course import cli, gradebook
import quiz_course as quiz


def test_parallel_grading_on_postgres_equals_sequential_nbgrader(postgres, tmp_path, capsys):
    seq_db, par_db = postgres.database("sequential"), postgres.database("parallel")
    seq = quiz.make_course(tmp_path / "seq")
    par = quiz.make_course(tmp_path / "par")
    for course, db in ((seq, seq_db), (par, par_db)):
        assert cli.main(["release", quiz.ASSIGNMENT, "--course", str(course), "--db", db]) == 0
        released = course / "release" / quiz.ASSIGNMENT / "quiz.ipynb"
        quiz.submit(course, "all-right", quiz.answered(released, {"double": quiz.DOUBLE, "year": quiz.YEAR}))
        quiz.submit(course, "half-right", quiz.answered(released, {"double": quiz.DOUBLE}))
        quiz.submit(course, "blank", quiz.answered(released, {}))
        quiz.submit(course, "not-json", "{ broken")
    quiz.plain_autograde(seq, db=seq_db)
    assert cli.main(["grade", quiz.ASSIGNMENT, "--course", str(par), "--db", par_db, "--jobs", "2"]) == 1
    out = capsys.readouterr().out
    assert "not-json: NotJSONError" in out and "postgresql+psycopg://" in out
    expected = gradebook.cell_scores(seq_db, seq, quiz.ASSIGNMENT)
    assert {k[0] for k in expected} == {"all-right", "half-right", "blank", "not-json"}
    assert gradebook.cell_scores(par_db, par, quiz.ASSIGNMENT) == expected
    assert not (par / "gradebook.db").exists()  # everything went to the server
