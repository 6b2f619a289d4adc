"""What a kernel's messages may put into a graded notebook: every kind of output under one budget, the
answers on a channel of their own.

Everything the messaging protocol carries into the notebook counts in the same budget: outputs (streams,
displays, results, errors), what `update_display_data` (or a display with a known `display_id`) writes over
earlier outputs, widget state from `comm_open`/`comm_msg` (kept in the notebook's metadata), and outputs an
Output widget takes. Past the budget they are dropped, with one note.

Two things are never dropped, because a mark depends on them:
- the answers the trusted checks read (`course.grading.checks`): the extraction cell's payload goes to
  `resources[ANSWERS_KEY]`, outside the budget and under a cap of its own, so that a student who prints the
  course's tables in full is marked on the same answers as under plain nbgrader;
- in a test cell, the first output that decides its mark under nbgrader (an error, a stderr stream or a
  result read as partial credit), kept small, so that the budget never turns a failed test into a pass.
"""

from __future__ import annotations

from nbformat.notebooknode import from_dict
from nbgrader.utils import is_grade, is_solution

from course.grading.checks import ANSWERS_KEY, TOO_LARGE
from course.grading.checks import MIME as ANSWER_MIME

__all__ = ["ANSWERS_KEY", "OutputLimits", "json_size"]
#: Characters kept of an output that decides a test cell's mark, once the budget is spent.
DECIDING_CHARS = 1000


def json_size(value, limit: int) -> int:
    """About the bytes `value` takes as JSON, counted only up to just past `limit` (cheap on a 300 MB state)."""
    total, todo = 0, [value]
    while todo and total <= limit:
        item = todo.pop()
        if isinstance(item, (str, bytes, bytearray)):
            total += len(item) + 2
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, (list, tuple)):
            total += 2 + len(item)
            todo.extend(item)
        else:
            total += 8
    return total


def deciding(output) -> bool:
    """Whether nbgrader's `determine_grade` reads this output for a test cell's mark."""
    kind = output.get("output_type")
    return kind in ("error", "execute_result") or (kind == "stream" and output.get("name") == "stderr")


def shrunk(output):
    """A small copy of an output that keeps what the mark is read from: its kind, a result's value."""
    kind = output.get("output_type")
    if kind == "error":
        return from_dict({"output_type": "error", "ename": str(output.get("ename", "Error"))[:200],
                          "evalue": str(output.get("evalue", ""))[:DECIDING_CHARS],
                          "traceback": ["[traceback not kept: the notebook's outputs passed their limit]"]})
    if kind == "stream":
        return from_dict({"output_type": "stream", "name": "stderr",
                          "text": str(output.get("text", ""))[:DECIDING_CHARS] + "\n[cut]\n"})
    text = (output.get("data") or {}).get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else str(text)
    return from_dict({"output_type": "execute_result", "execution_count": output.get("execution_count"),
                      "metadata": {}, "data": {"text/plain": text.strip()[:DECIDING_CHARS]}})


def note(text: str):
    return from_dict({"output_type": "stream", "name": "stdout", "text": text + "\n"})


def truncated(out, limit: int):
    """One output larger than `limit`, cut to its beginning (or a note), keeping its kind where it matters."""
    kind = out.get("output_type")
    if kind == "stream":
        text = out.get("text", "")
        return from_dict({"output_type": "stream", "name": out.get("name", "stdout"),
                          "text": text[:limit] + f"\n[output cut: {len(text)} characters, {limit} kept]\n"})
    if kind == "error":
        return from_dict({"output_type": "error", "ename": str(out.get("ename", "Error"))[:200],
                          "evalue": str(out.get("evalue", ""))[:limit],
                          "traceback": ["[traceback too large, not kept]"]})
    if kind == "execute_result":
        return shrunk(out)
    return note(f"[output of more than {limit} bytes not kept: the limit is {limit} bytes per output]")


class OutputLimits:
    """Mixed into nbclient's client (before it in the bases): the notebook's outputs under `output_bytes`
    together and `output_item_bytes` each, and the answers of the trusted checks taken aside.

    The hooks are nbclient's public message handlers (`process_message`, `output`, `handle_comm_msg`), and
    `_update_display_id`, where nbclient writes a display update over earlier outputs."""

    output_bytes: int
    output_item_bytes: int

    def _reset_output_limits(self, answer_cells, answer_bytes: int) -> None:
        self._output_total = 0
        self._answer_cells = set(answer_cells)
        self._answer_bytes = answer_bytes
        self.answers: dict[int, object] = {}

    def _spend(self, size: int) -> bool:
        """Take `size` bytes of the budget; False (and one note, said once) when it does not fit."""
        if self._output_total + size > self.output_bytes:
            return False
        self._output_total += size
        return True

    def _over_note(self, outs) -> None:
        if self._output_total <= self.output_bytes:
            outs.append(note(f"[output stopped: this notebook's outputs passed {self.output_bytes} bytes]"))
            self._output_total = self.output_bytes + 1

    def process_message(self, msg, cell, cell_index):
        content = msg.get("content") or {}
        count = content.get("execution_count")
        if "execution_count" in content and not (count is None or type(count) is int):
            content.pop("execution_count")  # the protocol's number, nothing else, goes into the cell
        if msg.get("msg_type") == "display_data" and cell_index in self._answer_cells:
            data = content.get("data")
            if isinstance(data, dict) and ANSWER_MIME in data:  # the answers: not an output, not counted
                payload = data[ANSWER_MIME]
                big = json_size(payload, self._answer_bytes) > self._answer_bytes
                self.answers[cell_index] = TOO_LARGE if big else payload
                return None
        return super().process_message(msg, cell, cell_index)

    def output(self, outs, msg, display_id, cell_index):
        parent = msg.get("parent_header", {}).get("msg_id")
        hooks = self.output_hook_stack.get(parent) if parent else None
        if hooks:  # an Output widget takes it into its state: what it holds, and sends back, is counted
            size = json_size(msg.get("content"), self.output_item_bytes)
            held = sum(json_size(o, self.output_bytes) for o in getattr(hooks[-1], "outputs", []))
            if size > self.output_item_bytes or not self._spend(size + held):
                self._over_note(outs)
                return None
            return super().output(outs, msg, display_id, cell_index)
        out = super().output(outs, msg, display_id, cell_index)
        if out is None or not outs or outs[-1] is not out:
            return out
        size = json_size(out, self.output_item_bytes)
        if size > self.output_item_bytes:  # one huge output: keep its beginning
            outs[-1] = out = truncated(out, self.output_item_bytes)
            size = json_size(out, self.output_item_bytes)
        if self._spend(size):
            return out
        outs.pop()
        if display_id:  # a later update must not land on whatever takes this place in the list
            indices = self._display_id_map.get(display_id, {}).get(cell_index, [])
            if len(outs) in indices:
                indices.remove(len(outs))
        if self._keep_small(cell_index, outs, out):
            outs.append(shrunk(out))
            return outs[-1]
        self._over_note(outs)
        return None

    def _keep_small(self, cell_index: int, outs, out) -> bool:
        """Past the budget: the first error of any cell (nbgrader would add the kernel's own, uncut, if none
        were there), and in a test cell the first output its mark is read from."""
        if out.get("output_type") == "error" and not any(o.get("output_type") == "error" for o in outs):
            return True
        cell = self.nb.cells[cell_index]
        if not deciding(out) or not is_grade(cell) or is_solution(cell):
            return False
        return not any(deciding(o) for o in outs)

    def on_cell_executed(self, **kwargs):
        """nbgrader adds the reply's error when no output holds it: cut that too."""
        result = super().on_cell_executed(**kwargs)
        outputs = kwargs["cell"].outputs
        if outputs and outputs[-1].get("output_type") == "error":
            if json_size(outputs[-1], self.output_item_bytes) > self.output_item_bytes:
                outputs[-1] = shrunk(outputs[-1])
        return result

    def _update_display_id(self, display_id, msg):
        """nbclient's display update, counted: the new data replaces the old in the budget; past it, the
        earlier output keeps what it had."""
        targets = []
        for cell_index, indices in self._display_id_map.get(display_id, {}).items():
            outputs = self.nb.cells[cell_index].outputs
            targets += [outputs[i] for i in indices
                        if i < len(outputs) and outputs[i].get("output_type") in ("display_data", "execute_result")]
        if not targets:
            return
        content = msg.get("content") or {}
        new = {"data": content.get("data") or {}, "metadata": content.get("metadata") or {}}
        size = json_size(new, self.output_item_bytes)
        old = sum(json_size({"data": t.get("data"), "metadata": t.get("metadata")}, self.output_item_bytes)
                  for t in targets)
        if size > self.output_item_bytes or not self._spend(max(0, size * len(targets) - old)):
            self._output_total = max(self._output_total, self.output_bytes + 1)
            return
        super()._update_display_id(display_id, msg)

    def handle_comm_msg(self, outs, msg, cell_index):
        """Widget state (and its binary buffers) goes into the notebook's metadata: counted, and dropped
        past the limits (the comm is then unknown to the grader, as one it has no handler for)."""
        content = msg.get("content") or {}
        size = json_size(content.get("data"), self.output_item_bytes)
        size += sum(len(b) * 4 // 3 for b in msg.get("buffers") or [])
        if size > self.output_item_bytes or not self._spend(size):
            self._over_note(outs)
            return
        data = content.get("data")
        state = data.get("state", {}) if isinstance(data, dict) else None
        if not isinstance(state, dict):
            return  # not widget state nbclient could keep
        if msg.get("msg_type") == "comm_open" and not {"_model_module", "_model_name"} <= set(state):
            return  # not a widget nbclient could build (its handler would fail on it)
        super().handle_comm_msg(outs, msg, cell_index)
