"""A learner's workspace: start copies only what is missing; update never overwrites the learner's work."""

import json

from course import cli, jupyter, workspace


def course_files(tmp_path, **files):
    root = tmp_path / "course"
    root.mkdir(exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text)
    return {f"notebooks/{name}": root / name for name in files}


def test_start_copies_what_is_missing_and_nothing_else(tmp_path):
    ws = tmp_path / "ws"
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": "v1", "b.ipynb": "v1"}), ws)
    assert sorted(report.added) == ["notebooks/a.ipynb", "notebooks/b.ipynb"]
    (ws / "notebooks/a.ipynb").write_text("my answers")
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": "v2", "b.ipynb": "v1"}), ws)
    assert report.added == [] and (ws / "notebooks/a.ipynb").read_text() == "my answers"


def test_update_refreshes_untouched_files(tmp_path):
    ws = tmp_path / "ws"
    workspace.sync(course_files(tmp_path, **{"a.ipynb": "v1"}), ws)
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": "v2"}), ws, update=True)
    assert report.updated == ["notebooks/a.ipynb"]
    assert (ws / "notebooks/a.ipynb").read_text() == "v2"


def test_update_keeps_edited_files_and_puts_the_new_version_beside(tmp_path):
    ws = tmp_path / "ws"
    workspace.sync(course_files(tmp_path, **{"a.ipynb": "v1"}), ws)
    (ws / "notebooks/a.ipynb").write_text("an hour of my own work")
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": "v2"}), ws, update=True)
    assert (ws / "notebooks/a.ipynb").read_text() == "an hour of my own work"
    assert report.kept == ["notebooks/a.ipynb"]
    beside = ws / report.beside[0]
    assert beside.read_text() == "v2" and beside.name.startswith("a.updated-")
    assert "kept your edited notebooks/a.ipynb" in report.lines()[0]
    # a second update changes nothing and never overwrites
    again = workspace.sync(course_files(tmp_path, **{"a.ipynb": "v2"}), ws, update=True)
    assert again.kept == ["notebooks/a.ipynb"] and (ws / "notebooks/a.ipynb").read_text() == "an hour of my own work"


def test_update_adds_new_lessons(tmp_path):
    ws = tmp_path / "ws"
    workspace.sync(course_files(tmp_path, **{"a.ipynb": "v1"}), ws)
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": "v1", "new.ipynb": "n"}), ws, update=True)
    assert report.added == ["notebooks/new.ipynb"]


def test_start_without_lab_builds_the_workspace_from_the_lessons(tmp_path, capsys):
    ws = tmp_path / "ws"
    assert cli.main(["start", "--no-lab", "--workspace", str(ws)]) == 0
    lessons = sorted(p.name for p in (ws / "notebooks").glob("*.ipynb"))
    assert lessons == sorted(p.name for p in cli.paths.NOTEBOOKS.glob("*.ipynb"))
    assert "never overwritten" in capsys.readouterr().out


def test_lab_opens_the_start_page_on_localhost_with_the_token_on(tmp_path):
    command = jupyter.lab_command(tmp_path, port=8899, open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in command
    assert not any("token" in part.lower() for part in command)


def test_quiet_lab_disables_the_news_prompt_for_this_environment_only(tmp_path):
    config = jupyter.quiet_lab(prefix=tmp_path)
    settings = json.loads(config.read_text())
    assert settings["disabledExtensions"]["@jupyterlab/apputils-extension:announcements"] is True
    assert config.is_relative_to(tmp_path)
