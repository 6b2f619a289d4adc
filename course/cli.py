"""The `course` command: a learner's start and update, and the instructor's cycle on top of nbgrader."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course import paths


def cmd_start(args) -> int:
    from course import jupyter, workspace

    ws = Path(args.workspace)
    report = workspace.sync(workspace.lesson_sources(paths.NOTEBOOKS), ws, update=False)
    for line in report.lines():
        print(line)
    print(f"Your workspace is {ws}. Your own work there is never overwritten by the course.")
    jupyter.quiet_lab()
    if args.no_lab:
        return 0
    command = jupyter.lab_command(ws, port=args.port, open_browser=not args.no_browser)
    os.execve(command[0], command, jupyter.lab_environment())


def cmd_update(args) -> int:
    from course import workspace

    ws = Path(args.workspace)
    report = workspace.sync(workspace.lesson_sources(paths.NOTEBOOKS), ws, update=True)
    lines = report.lines()
    print("\n".join(lines) if lines else "Everything is up to date.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    start = sub.add_parser("start", help="create your workspace (copying only what is missing) and open JupyterLab")
    start.add_argument("--workspace", default=str(paths.WORKSPACE), help="folder for your copy (default: workspace/)")
    start.add_argument("--port", type=int, default=None, help="port for JupyterLab")
    start.add_argument("--no-browser", action="store_true", help="do not open a browser")
    start.add_argument("--no-lab", action="store_true", help="prepare the workspace only")
    start.set_defaults(func=cmd_start)

    update = sub.add_parser("update", help="bring new course material into your workspace, keeping your edits")
    update.add_argument("--workspace", default=str(paths.WORKSPACE), help="your workspace folder")
    update.set_defaults(func=cmd_update)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
