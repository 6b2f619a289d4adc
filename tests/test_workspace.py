"""A learner's workspace: start copies only what is missing; update never overwrites the learner's work."""

import json
import os

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


def test_update_keeps_an_edited_plain_file_and_says_so(tmp_path):
    ws = tmp_path / "ws"
    root = tmp_path / "course"
    root.mkdir()
    (root / "notes.txt").write_text("v1")
    workspace.sync({"data/notes.txt": root / "notes.txt"}, ws)
    (ws / "data/notes.txt").write_text("an hour of my own work")
    (root / "notes.txt").write_text("v2")
    report = workspace.sync({"data/notes.txt": root / "notes.txt"}, ws, update=True)
    assert (ws / "data/notes.txt").read_text() == "an hour of my own work"
    assert report.kept == ["data/notes.txt"] and "you changed this file" in report.lines()[0]
    assert list(ws.rglob("*.updated-*")) == []


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


# Notebooks merge cell by cell -------------------------------------------------------------------------------

def notebook(*cells, **metadata) -> str:
    """A notebook with cells given as (id, source) or (id, source, cell_type)."""
    made = [{"cell_type": c[2] if len(c) > 2 else "markdown", "id": c[0], "metadata": {}, "source": c[1]}
            for c in cells]
    for cell in made:
        if cell["cell_type"] == "code":
            cell.update(outputs=[], execution_count=None)
    return json.dumps({"cells": made, "metadata": metadata or {"kernelspec": {"name": "python3"}},
                       "nbformat": 4, "nbformat_minor": 5}, indent=1)


def cells(path):
    return [(c["id"], "".join(c["source"])) for c in json.loads(path.read_text())["cells"]]


V1 = notebook(("intro", "Peter the Great, 1682"), ("q1", 'quiz.check(1, "")', "code"), ("end", "The end"))
V2 = notebook(("intro", "Peter the Great, 1682 (co-ruler)"), ("q1", 'quiz.check(1, "")', "code"),
              ("end", "The end"), ("more", "A new section"))


def autosave(path):
    """What JupyterLab writes on first open: new kernelspec display name and language_info, outputs."""
    nb = json.loads(path.read_text())
    nb["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.2"}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["Q1: no answer yet"]}]
            cell["execution_count"] = 1
    path.write_text(json.dumps(nb, indent=2))


def started(tmp_path, text=V1):
    ws = tmp_path / "ws"
    workspace.sync(course_files(tmp_path, **{"a.ipynb": text}), ws)
    return ws, ws / "notebooks/a.ipynb"


def test_an_opened_lesson_takes_the_courses_changes(tmp_path):
    ws, mine = started(tmp_path)
    autosave(mine)
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    assert cells(mine) == cells(tmp_path / "course/a.ipynb")
    assert report.merged == ["notebooks/a.ipynb"] and report.conflicts == {}
    nb = json.loads(mine.read_text())
    assert nb["metadata"]["kernelspec"]["display_name"] == "Python 3 (ipykernel)"  # the learner's, kept
    assert nb["cells"][1]["outputs"][0]["text"] == ["Q1: no answer yet"]  # untouched cell keeps its output


def test_an_opened_lesson_the_course_did_not_change_reports_nothing(tmp_path):
    ws, mine = started(tmp_path)
    autosave(mine)
    before = mine.read_bytes()
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": V1}), ws, update=True)
    assert report.lines() == [] and mine.read_bytes() == before


def test_the_learners_answers_and_own_cells_stay_where_they_were(tmp_path):
    ws, mine = started(tmp_path)
    nb = json.loads(mine.read_text())
    nb["cells"][1]["source"] = 'quiz.check(1, "B")'
    nb["cells"].insert(2, {"cell_type": "markdown", "id": "my-note", "metadata": {}, "source": "my own note"})
    mine.write_text(json.dumps(nb))
    workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    assert cells(mine) == [("intro", "Peter the Great, 1682 (co-ruler)"), ("q1", 'quiz.check(1, "B")'),
                           ("my-note", "my own note"), ("end", "The end"), ("more", "A new section")]


def test_a_cell_changed_on_both_sides_keeps_both_marked_with_one_line(tmp_path):
    ws, mine = started(tmp_path)
    nb = json.loads(mine.read_text())
    nb["cells"][0]["source"] = "Peter the Great, 1682: my summary"
    mine.write_text(json.dumps(nb))
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    texts = [text for _, text in cells(mine)]
    assert "Peter the Great, 1682: my summary" in texts and "Peter the Great, 1682 (co-ruler)" in texts
    assert texts.index("Peter the Great, 1682: my summary") < texts.index("Peter the Great, 1682 (co-ruler)")
    assert sum("Course update" in t for t in texts) == 1
    assert report.conflicts == {"notebooks/a.ipynb": 1}
    [line] = report.lines()
    assert "both you and the course" in line and "notebooks/a.ipynb" in line


def test_code_the_course_changed_under_an_answer_is_kept_as_text_that_never_runs(tmp_path):
    ws, mine = started(tmp_path)
    nb = json.loads(mine.read_text())
    nb["cells"][1]["source"] = 'quiz.check(1, "B")'
    mine.write_text(json.dumps(nb))
    v3 = V1.replace('quiz.check(1, \\"\\")', 'quiz.check(1, \\"\\")  # a letter')
    assert v3 != V1
    workspace.sync(course_files(tmp_path, **{"a.ipynb": v3}), ws, update=True)
    kinds = [(c["cell_type"], "".join(c["source"])) for c in json.loads(mine.read_text())["cells"]]
    assert ("code", 'quiz.check(1, "B")') in kinds and ("raw", 'quiz.check(1, "")  # a letter') in kinds


def test_update_run_twice_changes_nothing_the_second_time(tmp_path):
    ws, mine = started(tmp_path)
    nb = json.loads(mine.read_text())
    nb["cells"][0]["source"] = "mine"
    mine.write_text(json.dumps(nb))
    workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    after_first = mine.read_bytes()
    again = workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    assert again.lines() == [] and mine.read_bytes() == after_first


def test_an_update_interrupted_before_it_records_the_base_finishes_on_the_next_run(tmp_path, monkeypatch):
    ws, mine = started(tmp_path)
    nb = json.loads(mine.read_text())
    nb["cells"][0]["source"] = "mine"
    mine.write_text(json.dumps(nb))
    real = workspace._record

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(workspace, "_record", crash)
    try:
        workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(workspace, "_record", real)
    workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    texts = [text for _, text in cells(mine)]
    assert texts.count("mine") == 1 and texts.count("Peter the Great, 1682 (co-ruler)") == 1
    assert sum("Course update" in t for t in texts) == 1  # marked once, not twice
    assert list(mine.parent.glob(".*.tmp")) == []


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path, monkeypatch):
    ws, mine = started(tmp_path)
    autosave(mine)
    before = mine.read_bytes()

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(workspace.os, "replace", fail)
    try:
        workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    except OSError:
        pass
    assert mine.read_bytes() == before and list(mine.parent.glob(".*.tmp")) == []


def test_a_notebook_that_is_not_valid_json_is_left_alone_with_a_clear_message(tmp_path):
    ws, mine = started(tmp_path)
    mine.write_text('{"cells": [ half a notebook')
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    assert mine.read_text() == '{"cells": [ half a notebook'
    [line] = report.lines()
    assert "not valid JSON" in line and "line 1" in line and "rename this file" in line


def test_a_moved_workspace_still_merges(tmp_path):
    ws, mine = started(tmp_path)
    autosave(mine)
    moved = tmp_path / "elsewhere" / "my-course"
    moved.parent.mkdir()
    ws.rename(moved)
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), moved, update=True)
    assert report.merged == ["notebooks/a.ipynb"]
    assert cells(moved / "notebooks/a.ipynb") == cells(tmp_path / "course/a.ipynb")


def test_update_of_a_missing_workspace_says_where_to_look_and_creates_nothing(tmp_path, capsys):
    assert cli.main(["update", "--workspace", str(tmp_path / "gone")]) == 1
    assert "--workspace" in capsys.readouterr().err and not (tmp_path / "gone").exists()


def test_an_old_workspace_without_a_base_merges_unedited_files_and_keeps_both_where_unsure(tmp_path):
    ws, mine = started(tmp_path)
    other = ws / "notebooks/b.ipynb"
    workspace.sync(course_files(tmp_path, **{"a.ipynb": V1, "b.ipynb": V1}), ws)
    import shutil

    shutil.rmtree(ws / ".course")  # as a workspace made before bases were kept
    nb = json.loads(mine.read_text())
    nb["cells"][1]["source"] = 'quiz.check(1, "B")'
    mine.write_text(json.dumps(nb))
    report = workspace.sync(course_files(tmp_path, **{"a.ipynb": V2, "b.ipynb": V2}), ws, update=True)
    assert report.updated == ["notebooks/b.ipynb"] and cells(other) == cells(tmp_path / "course/b.ipynb")
    texts = [text for _, text in cells(mine)]
    assert 'quiz.check(1, "B")' in texts and "A new section" in texts  # the learner's answer and the new cell
    assert "Peter the Great, 1682" in texts and "Peter the Great, 1682 (co-ruler)" in texts  # unsure: both
    assert report.unsure == {"notebooks/a.ipynb": 2}  # the changed intro and the answered q1
    assert any("no record of the version" in line for line in report.lines())


def test_a_damaged_manifest_loses_nothing(tmp_path):
    ws, mine = started(tmp_path)
    (ws / workspace.MANIFEST).write_text("{not json")
    autosave(mine)
    workspace.sync(course_files(tmp_path, **{"a.ipynb": V2}), ws, update=True)
    assert cells(mine) == cells(tmp_path / "course/a.ipynb")


def test_the_learners_lab_config_is_the_students_view_of_the_hub():
    """course/learner/ (for `course start`) holds what deploy/site/ gives students on the hub."""
    for name in ("jupyter_server_config.json", "labconfig/page_config.json"):
        mine = json.loads((jupyter.LEARNER_CONFIG / name).read_text())
        hub = json.loads((cli.paths.ROOT / "deploy" / "site" / name).read_text())
        assert mine == hub, name
    hidden = json.loads((jupyter.LEARNER_CONFIG / "labconfig/page_config.json").read_text())["disabledExtensions"]
    assert hidden["@jupyter/nbgrader:formgrader"] and hidden["@jupyter/nbgrader:create-assignment"]
    env = jupyter.lab_environment()
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(jupyter.LEARNER_CONFIG)


def test_kernels_use_unix_sockets_where_the_path_fits_and_tcp_elsewhere(monkeypatch):
    assert jupyter.kernel_transport("/home/candidate/.local/share/jupyter/runtime") == "ipc"
    assert jupyter.kernel_transport("/" + "deep/" * 20) == "tcp"
    monkeypatch.setattr(jupyter.os, "name", "nt")
    assert jupyter.kernel_transport("C:/Users/candidate/AppData/Roaming/jupyter/runtime") == "tcp"
    command = jupyter.lab_command(cli.paths.ROOT, runtime_dir="/r")
    assert "--KernelManager.transport=tcp" in command and "--ServerApp.log_level=ERROR" in command
