"""The `course` command: a learner's start and update, and the instructor's cycle on top of nbgrader."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course import __version__
from course.content import paths


def _sync(ws: Path, update: bool):
    """Lessons and the student versions of the assignments into the workspace, never overwriting work."""
    from course.grading import release
    from course.learner import workspace

    sources = workspace.lesson_sources(paths.NOTEBOOKS)
    if paths.HELP.is_file():
        sources[paths.HELP.name] = paths.HELP  # docs/help.md, at the top of the workspace
    sources.update(release.student_versions(paths.ASSIGNMENTS, paths.BUILD / "student"))
    return workspace.sync(sources, ws, update=update)


def cmd_start(args) -> int:
    from course.learner import lab

    ws = Path(args.workspace)
    for line in _sync(ws, update=False).lines():
        print(line)
    print(f"Your workspace is {ws}. Your own work there is never overwritten by the course.")
    lab.quiet_lab()
    if args.no_lab:
        return 0
    command = lab.lab_command(ws, port=args.port, open_browser=not args.no_browser)
    sys.stdout.flush()  # execve replaces the process: what is still buffered would be lost
    os.execve(command[0], command, lab.lab_environment())


def cmd_update(args) -> int:
    from course.learner import workspace

    ws = Path(args.workspace)
    if not (ws / workspace.MANIFEST).is_file():
        print(f"course update: there is no course workspace at {ws}. If you moved yours, run `course update "
              f"--workspace FOLDER` with its new place; to create one, run `course start`.", file=sys.stderr)
        return 1
    lines = _sync(ws, update=True).lines()
    print("\n".join(lines) if lines else "Everything is up to date.")
    return 0


def cmd_progress(args) -> int:
    from course.learner import progress, summary

    ws = Path(args.workspace)
    if not progress.assignment_notebooks(ws):
        print(f"No assignments in {ws}/assignments yet: run `course start` (or `course update`) first.")
        return 1
    if args.import_file or args.export_file:
        from course.learner import record_sync

        try:
            if args.import_file:
                added = record_sync.import_file(ws, Path(args.import_file))
                print(f"Imported {added} new events from {Path(args.import_file).name}"
                      + (" (every event was already in your record)." if not added else "."))
            if args.export_file:
                count = record_sync.export_file(ws, Path(args.export_file))
                print(f"Exported {count} events to {args.export_file}: import it on the site's progress page.")
        except record_sync.SyncError as error:
            print(f"course progress: {error}", file=sys.stderr)
            return 1
    state = summary.gather(ws, paths.NOTEBOOKS)
    print("\n".join(summary.lines(state, args.weeks)))
    print(f"Progress page: {summary.write_page(state, ws / 'progress.html', args.weeks)}")
    if args.checks:
        questions = progress.check_workspace(ws, timeout=args.timeout)
        print("\n".join(progress.table(questions)))
        chart = progress.write_chart(questions, Path(args.chart) if args.chart else ws / "progress-checks.html")
        print(f"Chart: {chart}")
    return 0


def cmd_check(args) -> int:
    from course.learner import selfmark

    return selfmark.run(args.assignment, Path(args.workspace), marks=args.mark or [], timed=args.timed,
                        err=lambda line: print(line, file=sys.stderr), open_page=args.open)


def cmd_release(args) -> int:
    from course.grading import release

    try:
        lines = release.release(Path(args.course), args.assignment, db=args.db, duedate=args.duedate)
    except release.ReleaseError as error:
        print(f"course release: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def cmd_grade(args) -> int:
    from course import grading

    from course.grading.config import PipelineError

    if args.no_execute:
        print("course grade: --no-execute is refused: the scores would come from the outputs saved in each "
              "student's notebook, which the student controls. Use `nbgrader autograde --no-execute` if you "
              "mean it.", file=sys.stderr)
        return 2
    options = list(getattr(args, "nbgrader_options", []))
    if args.notebook:
        options.append(f"--CourseDirectory.notebook_id={args.notebook}")
    if args.create:
        options.append("--Autograde.create_student=True")
    try:
        summary = grading.grade(Path(args.course), args.assignment, jobs=args.jobs, db=args.db, force=args.force,
                                students=args.student or None, sandbox=False if args.no_sandbox else None,
                                nbgrader_options=options, progress=lambda line: print(line, flush=True))
    except (grading.SandboxUnavailable, PipelineError) as error:
        print(f"course grade: {error}", file=sys.stderr)
        return 2
    if not summary.outcomes:
        print(f"No submissions of {args.assignment} found (submitted/*/{args.assignment}/): nothing graded.")
        return 0
    print("\n".join(summary.lines()))
    return 1 if summary.failed else 0


def cmd_feedback(args) -> int:
    from course.grading import feedback

    result = feedback.generate(Path(args.course), args.assignment, db=args.db, force=args.force,
                               unfinished=args.unfinished)
    print("\n".join(result.lines()))
    return 0


def cmd_export(args) -> int:
    from course.grading import export

    try:
        lines = export.export(Path(args.course), Path(args.out), xlsx=Path(args.xlsx) if args.xlsx else None,
                              db=args.db, assignment=args.assignment)
    except export.ExportError as error:
        print(f"course export: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def cmd_collect(args) -> int:
    from course.grading import collect

    try:
        rows, out = collect.collect(Path(args.download), args.assignment, Path(args.course), roster_csv=args.roster,
                                    times_csv=args.times, db=args.db, force=args.force)
    except collect.CollectError as error:
        print(f"course collect: {error}", file=sys.stderr)
        return 2
    print("\n".join(collect.table(rows)))
    print(f"{collect.summary(rows, roster_given=bool(args.roster))}. Table: {out}")
    return 1 if any(row.result.startswith("rejected") for row in rows) else 0


def cmd_variant(args) -> int:
    from course.grading import variants

    try:
        seed = variants.parse_seed(args.seed)
        result = variants.make(args.assignment, Path(args.class_dir), seed, name=args.name)
    except variants.VariantError as error:
        print(f"course variant: {error}", file=sys.stderr)
        return 2
    print("\n".join(result.lines))
    return 0


def cmd_similarity(args) -> int:
    from course.grading import similarity

    try:
        result = similarity.run(Path(args.course), args.assignment, threshold=args.threshold,
                                out=Path(args.out) if args.out else None)
    except similarity.SimilarityError as error:
        print(f"course similarity: {error}", file=sys.stderr)
        return 2
    print(result.summary())
    return 0


def cmd_markers(args) -> int:
    from course.grading import markers

    try:
        result = markers.share(Path(args.course), args.assignment, args.marker or [], by=args.by)
    except markers.MarkersError as error:
        print(f"course markers: {error}", file=sys.stderr)
        return 2
    print("\n".join(result.lines()))
    return 0


def cmd_coach(args) -> int:
    """Review a written answer: a markdown file, your workspace's essays, or (--class) a class's submissions."""
    from course.learner.coach import report

    target = Path(args.target)
    if args.class_dir:
        out = Path(args.out) if args.out else Path(args.class_dir) / "coach"
        print(f"Coach notes: {report.class_report(Path(args.class_dir), args.target, out)}")
        return 0
    if target.is_file():
        try:
            reviews = report.review_file(target, args.question)
        except (KeyError, ValueError, OSError) as error:  # an unknown question id, a broken notebook or table
            print(f"course coach: {target}: {error}", file=sys.stderr)
            return 2
    else:
        notebooks = report.workspace_notebooks(Path(args.workspace), args.target)
        if not notebooks:
            print(f"course coach: {args.target} is neither a file nor an assignment in {args.workspace}/assignments "
                  "(run `course start` first, or give a .md file).", file=sys.stderr)
            return 2
        reviews = []
        for notebook in notebooks:
            try:
                reviews += report.review_file(notebook, args.question)
            except (KeyError, ValueError, OSError) as error:
                print(f"course coach: {notebook.name}: {error}", file=sys.stderr)
    if not reviews:
        print("No written answers found.")
    for name, review in reviews:
        print(f"== {name}\n{review}\n")
    return 0


def _instructor(sub, name: str, func, help: str, assignment: bool = True) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help, description=help)
    if assignment:
        parser.add_argument("assignment", help="assignment name, as in source/ (e.g. a1_westernization)")
    parser.add_argument("--course", default=str(paths.ASSIGNMENTS),
                        help="the class's nbgrader folder (source/, submitted/, gradebook); "
                             "default: the repository's assignments/")
    parser.add_argument("--db", default=None,
                        help="gradebook URL (default: sqlite in the course folder), "
                             "e.g. postgresql+psycopg://user@host:5432/grades")
    parser.set_defaults(func=func)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    start = sub.add_parser("start", help="create your workspace (copying only what is missing) and open JupyterLab",
                           description="Copy the lessons and your assignments into your workspace (only what is "
                                       "missing: nothing of yours is overwritten), then open JupyterLab.")
    start.add_argument("--workspace", default=str(paths.WORKSPACE), help="folder for your copy (default: workspace/)")
    start.add_argument("--port", type=int, default=None, help="port for JupyterLab")
    start.add_argument("--no-browser", action="store_true", help="do not open a browser")
    start.add_argument("--no-lab", action="store_true", help="prepare the workspace only")
    start.set_defaults(func=cmd_start)

    update = sub.add_parser("update", help="bring new course material into your workspace, keeping your edits",
                            description="Merge the course's new lessons and assignments into your copies, cell "
                                        "by cell: cells you never touched take the new version, your own cells "
                                        "and answers stay, and a cell changed by both sides keeps both versions, "
                                        "marked in the notebook.")
    update.add_argument("--workspace", default=str(paths.WORKSPACE), help="your workspace folder")
    update.set_defaults(func=cmd_update)

    progress = sub.add_parser("progress", help="your record: lessons done or to revise, assignments marked, "
                                               "what next and a study plan",
                              description="Show your record (self-checks, `course check` results, your essay "
                                          "marks), the next step and a study plan, and write them as a page "
                                          "(WORKSPACE/progress.html). With --checks, also run each assignment "
                                          "notebook and show which questions pass their visible tests.")
    progress.add_argument("--workspace", default=str(paths.WORKSPACE), help="your workspace folder")
    progress.add_argument("--weeks", type=int, choices=(2, 3, 4), default=3, help="weeks of the study plan (default 3)")
    progress.add_argument("--checks", action="store_true", help="also run your assignment notebooks' visible checks")
    progress.add_argument("--timeout", type=int, default=60, help="seconds a cell may run, with --checks (default 60)")
    progress.add_argument("--chart", default=None,
                          help="where --checks writes its chart (default: WORKSPACE/progress-checks.html)")
    progress.add_argument("--import", dest="import_file", metavar="FILE", default=None,
                          help="first merge a record exported from the site (course-record.jsonl): each event once")
    progress.add_argument("--export", dest="export_file", metavar="FILE", default=None,
                          help="also write your record to FILE, for the site's progress page to import")
    progress.set_defaults(func=cmd_progress)

    check = sub.add_parser("check", help="mark your own copy of an assignment with the course's practice key and "
                                         "write its feedback page",
                           description="Grade your copy of ASSIGNMENT with the course's grader and practice key: "
                                       "every MCQ with its explanation, every data check, and for each written "
                                       "answer the rubric, the model answer and the essay coach's notes, on a "
                                       "feedback page (WORKSPACE/feedback/ASSIGNMENT.html). Results join your "
                                       "record. On a classroom server, where your instructor keeps the key, only "
                                       "the visible checks run.")
    check.add_argument("assignment", help="a1, a2, a3, mock, or the full name (e.g. a1_westernization)")
    check.add_argument("--workspace", default=str(paths.WORKSPACE), help="your workspace folder")
    check.add_argument("--mark", action="append", metavar="Q=MARKS",
                       help="record your own mark for a written answer, e.g. --mark q9=14 (repeatable)")
    check.add_argument("--timed", action="store_true",
                       help="the mock as in the exam hall: the first run records the start and prints the timing, "
                            "the next records the finish and marks the paper")
    check.add_argument("--open", action="store_true", help="open the feedback page in your web browser")
    check.set_defaults(func=cmd_check)

    release = _instructor(sub, "release", cmd_release,
                          "add an assignment to the gradebook and generate its student version")
    release.add_argument("--duedate", default=None, metavar='"YYYY-MM-DD HH:MM"',
                         help="the due date, in the class's time zone (c.Exchange.timezone in its "
                              "nbgrader_config.py, else this machine's); given again later, it changes the due "
                              "date alone")
    grade = _instructor(sub, "grade", cmd_grade,
                        "autograde every submission in submitted/*/ASSIGNMENT, in parallel; "
                        "broken submissions are listed at the end and never stop the others")
    grade.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                       help="worker processes (default: the number of CPU cores)")
    grade.add_argument("--force", "-f", action="store_true",
                       help="grade again submissions already autograded (manual grades are kept)")
    grade.add_argument("--student", action="append", metavar="ID",
                       help="grade only this student (repeatable; shell patterns such as 's2026-0*' work)")
    grade.add_argument("--notebook", default=None, help="grade only this notebook (nbgrader's --notebook)")
    grade.add_argument("--create", action="store_true", help="create unknown students (nbgrader's default too)")
    grade.add_argument("--no-execute", action="store_true", help=argparse.SUPPRESS)
    grade.epilog = ("nbgrader settings can be given as on nbgrader's command line, e.g. --Execute.timeout=120; "
                    "they apply to this run only.")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run student code WITHOUT the sandbox, with your rights, as plain nbgrader does: "
                            "a submission can then read the key and change the gradebook")
    feedback = _instructor(sub, "feedback", cmd_feedback,
                           "generate HTML feedback for each student whose marking is finished; the others are "
                           "listed with the questions still to mark")
    feedback.add_argument("--force", action="store_true", help="regenerate existing feedback")
    feedback.add_argument("--unfinished", action="store_true",
                          help="return feedback to students still waiting for marking too; each page says at the "
                               "top which questions are not marked yet")
    collect = _instructor(sub, "collect", cmd_collect,
                          "file an LMS download (Moodle, Google Classroom, e-mail) into submitted/, each file "
                          "under the student the LMS names, and list what became of every file",
                          assignment=False)
    collect.add_argument("download", metavar="ZIP_OR_FOLDER", help="the LMS's download: a zip file or a folder")
    collect.add_argument("assignment", help="assignment name, as in source/ (e.g. a1_westernization)")
    collect.add_argument("--roster", default=None, metavar="CSV",
                         help="student_id and any of lms_name, lms_id, email: who each LMS uploader is")
    collect.add_argument("--times", default=None, metavar="CSV",
                         help="submission times: Moodle's grading worksheet, or student_id,submitted_at "
                              "(default: the download's own file times)")
    collect.add_argument("--force", action="store_true", help="replace work collected before for these students")
    export = _instructor(sub, "export", cmd_export, "export the gradebook to a CSV file (and .xlsx): one row per "
                         "student and assignment, with a status, the parts (MCQ, data, essay) and the class's "
                         "local times", assignment=False)
    export.add_argument("--out", default="grades.csv", help="CSV file to write (default: grades.csv)")
    export.add_argument("--xlsx", default=None, metavar="FILE",
                        help="also write the table as an Excel workbook (header frozen, filter on every column)")
    export.add_argument("--assignment", default=None, metavar="NAME", help="export this assignment only")

    variant = sub.add_parser("variant", help="write a class's own version of an assignment (for marks) into its "
                                             "class folder, ready for `course release`",
                             description="Draw a class's own MCQs, data questions and essay question for an "
                                         "assignment and write them into CLASS/source/ASSIGNMENT/. Its checks only "
                                         "check the form of an answer; the key is in the class folder only.")
    variant.add_argument("assignment", help="a1_westernization, a2_dissociation, a3_escalation or mock_exam")
    variant.add_argument("--class", dest="class_dir", required=True, metavar="DIR",
                         help="the class's nbgrader folder (it must exist)")
    variant.add_argument("--seed", default=None, metavar="N",
                         help="the class's seed: the same seed gives the same variant (default: a random one, "
                              "printed and recorded in DIR/variants/)")
    variant.add_argument("--name", default=None,
                         help="the assignment name in the class (default: ASSIGNMENT); a new name makes a new "
                              "variant after the first was released")
    variant.set_defaults(func=cmd_variant)

    similar = sub.add_parser("similarity", help="find submitted essays that share passages with each other, "
                             "a model answer or a lesson (an HTML report, before marking)",
                             description="Compare every submitted essay of ASSIGNMENT with every other, with the "
                                         "model answers and with the lessons' text; write an offline HTML report "
                                         "of the pairs above the threshold, shared passages side by side.")
    similar.add_argument("assignment", help="assignment name, as in source/ (e.g. a1_westernization)")
    similar.add_argument("--class", "--course", dest="course", metavar="DIR", default=str(paths.ASSIGNMENTS),
                         help="the class's nbgrader folder (source/, submitted/); default: the repository's "
                              "assignments/")
    similar.add_argument("--threshold", type=float, default=0.3, metavar="X",
                         help="report pairs where at least this share of an essay (0-1) lies in shared "
                              "passages (default 0.3)")
    similar.add_argument("--out", default=None, metavar="FILE",
                         help="HTML file to write (default: CLASS/reports/ASSIGNMENT-similarity.html)")
    similar.set_defaults(func=cmd_similarity)

    markers = sub.add_parser("markers", help="share the marking of an assignment among several markers, by "
                                             "student or by question (written to DIR/markers/ASSIGNMENT.csv)",
                             description="Split the class's submissions of ASSIGNMENT (or its hand-marked "
                                         "questions, with --by question) among the markers named, evenly and the "
                                         "same way every time; a re-run after late submissions keeps everyone's "
                                         "list and shares out only the new ones. Each marker works through their "
                                         "own list in formgrader.")
    markers.add_argument("assignment", help="assignment name, as in source/ (e.g. a1_westernization)")
    markers.add_argument("--course", "--class", dest="course", metavar="DIR", default=str(paths.ASSIGNMENTS),
                         help="the class's nbgrader folder (submitted/, source/)")
    markers.add_argument("--marker", action="append", metavar="NAME",
                         help="an instructor who marks (repeatable): in the instructors' Unix group or in "
                              "DIR/markers/markers.txt")
    markers.add_argument("--by", choices=("student", "question"), default="student",
                         help="share whole submissions (default) or questions")
    markers.set_defaults(func=cmd_markers)

    coach = sub.add_parser("coach", help="instant notes on a written answer: facts checked against the course's "
                                         "tables, and the examiner's rubric",
                           description="Review a written answer (FILE.md, or the essays of ASSIGNMENT in your "
                                       "workspace); with --class, write an HTML page of notes on every submitted "
                                       "essay for the instructor. Notes, never a score.")
    coach.add_argument("target", help="a .md/.txt/.ipynb file, or an assignment name (e.g. a1_westernization)")
    coach.add_argument("--workspace", default=str(paths.WORKSPACE), help="your workspace folder")
    coach.add_argument("--question", default=None, help="question id from data/questions.csv (e.g. css-2022-ca-q7)")
    coach.add_argument("--class", dest="class_dir", default=None,
                       help="the class's nbgrader folder: review submitted/*/ASSIGNMENT and write an HTML report")
    coach.add_argument("--out", default=None, help="folder for the class report (default: CLASS/coach)")
    coach.set_defaults(func=cmd_coach)

    site = sub.add_parser("site", help="build the offline course website from the executed lessons")
    site.add_argument("--out", default=str(paths.ROOT / "_site"), help="folder for the site (default: _site/)")
    site.set_defaults(func=lambda args: __import__("course.site.build", fromlist=["run"]).run(args))
    return parser


def _is_config_option(arg: str) -> bool:
    """`--Section.trait=value`: nbgrader configuration given on the command line, as nbgrader takes it."""
    name = arg[2:].split("=", 1)[0]
    return arg.startswith("--") and "=" in arg and "." in name and name.split(".")[0][:1].isupper()


def main(argv: list[str] | None = None) -> int:
    from course.grading.nbgrader_app import NbgraderError

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if args.command != "grade" or not all(_is_config_option(a) for a in extra):
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        args.nbgrader_options = extra
    try:
        return args.func(args) or 0
    except NbgraderError as error:
        print(f"course {args.command}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
