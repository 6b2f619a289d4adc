"""Tag every self-check cell of the lessons `self-check` (cell metadata only), so the site finds them by tag.

Run it after editing a lesson's self-check:  .venv/bin/python tools/tag_selfcheck_cells.py [NOTEBOOK ...]
(default: notebooks/*.ipynb). A self-check cell makes the `SelfCheck` or calls a method of it
(`course.content.banks.self_check_cells`); the tag is added to those and taken off any other cell. Nothing
but cell metadata changes: the file is written back in nbformat's own layout, byte for byte otherwise.
tests/test_selfcheck.py fails while a lesson has a self-check cell without the tag.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from course.content.banks import TAG, self_check_cells
from course.content.paths import NOTEBOOKS


def tag(path: Path) -> list[int]:
    """Set the tag on `path`'s self-check cells (and only on them); return the changed cells' indices."""
    raw = path.read_text(encoding="utf-8")
    nb = json.loads(raw)
    code = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    wanted = {code[k] for k in self_check_cells(["".join(nb["cells"][i]["source"]) for i in code])}
    changed = []
    for i, cell in enumerate(nb["cells"]):
        tags = cell.get("metadata", {}).get("tags", [])
        if (TAG in tags) == (i in wanted):
            continue
        tags = [t for t in tags if t != TAG] + ([TAG] if i in wanted else [])
        if tags:
            cell.setdefault("metadata", {})["tags"] = tags
        else:
            cell["metadata"].pop("tags", None)
        changed.append(i)
    if changed:  # nbformat's layout: one-space indent, sorted keys, UTF-8 as is
        path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    for path in [Path(a) for a in argv] or sorted(NOTEBOOKS.glob("*.ipynb")):
        changed = tag(path)
        print(f"{path.name}: {len(changed)} cell(s) {'retagged' if changed else 'already tagged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
