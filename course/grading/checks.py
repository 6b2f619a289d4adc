"""Trusted checks: a test cell that checks values is run by the grader, never by the student's kernel.

nbgrader runs every test cell, hidden tests included, in the student's own interpreter, so the student's
code can read the expected answers, patch `hashlib`, answer with an object that equals anything, or rewrite
later cells so that they print "Success!". For a test cell whose inputs are values (every check of the
course's assignments: letters, counts, percentages, labels, small tables), grading here goes instead:

1. `ExtractAnswers` (before nbgrader's Execute) replaces the test cell, for the kernel only, by a cell that
   sends back the values of the names the test reads, as plain data (`encode_value`). The hidden tests and
   hashes never reach the kernel.
2. `CheckAnswers` (after Execute) puts the instructor's cell back, drops whatever the kernel printed
   for it, decodes the values (only plain data can be decoded: an object that pretends to be equal to the
   key arrives as "not a plain value") and runs the instructor's code on them in a fresh namespace in the
   grader's own interpreter, with the real `hashlib` and the course's real tables. Its outputs (what the
   tests print, or the error they raise) become the cell's outputs, so nbgrader's SaveAutoGrades scores the
   cell from them exactly as it would have, and the feedback explains each result.

What the kernel sends is only the student's claim about their own answers, which is what is graded anyway.

A test cell that calls something the student defined (`assert double(2) == 4`, generic nbgrader notebooks)
cannot be checked outside the kernel: it runs in the sandboxed kernel as nbgrader runs it (see
docs/grading-at-scale.md for what an in-process trick can gain there). Which way a cell goes is decided
from the instructor's source alone, never from what the student's kernel reports.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import io
import json
import math
import symtable
import traceback

from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Integer

MIME = "application/vnd.course.answers+json"
RESOURCE_KEY = "course_trusted_checks"
#: Where the sandboxed Execute leaves each extraction cell's payload (`course.grading.output_limits`).
ANSWERS_KEY = "course_answers"
#: Stands in that channel for a payload larger than `CheckAnswers.max_answer_bytes`.
TOO_LARGE = "__course_answers_too_large__"


# ---- which cells, which names ------------------------------------------------------------------------

def value_inputs(source: str) -> list[str] | None:
    """The names a test cell reads from the student's notebook, or None if it must run in the kernel.

    None when the code does not parse, reads nothing from the notebook, or calls one of those names, or a
    method that plain data does not have (a function or an object the student wrote cannot leave the
    kernel as data). `answer.lower()` is a value check: a str arrives as a str, with str's own methods.
    """
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
    try:
        tree = ast.parse(code)
        table = symtable.symtable(code, "<check>", "exec")
    except SyntaxError:
        return None
    bound_here = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    free: set[str] = set()

    def visit(t: symtable.SymbolTable, top: bool) -> None:
        for s in t.get_symbols():
            name = s.get_name()
            global_read = s.is_referenced() and (top or s.is_global()) and not (top and (s.is_assigned() or s.is_imported()))
            if global_read and name not in bound_here and not hasattr(builtins, name):
                free.add(name)
        for child in t.get_children():
            visit(child, False)

    visit(table, True)
    if not free:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func, methods = node.func, []
            while isinstance(func, (ast.Attribute, ast.Subscript)):  # answer.method(...), answer[0](...)
                if isinstance(func, ast.Attribute):
                    methods.append(func.attr)
                func = func.value
            if isinstance(func, ast.Name) and func.id in free:
                if not methods or not all(m in _plain_methods() for m in methods):
                    return None
    return sorted(free)


@functools.cache
def _plain_methods() -> frozenset[str]:
    """Methods of the values `encode_value` carries: Python's containers and scalars, pandas' tables."""
    import pandas

    kinds = (str, int, float, bool, list, tuple, dict, set, frozenset, pandas.Series, pandas.DataFrame)
    return frozenset(name for kind in kinds for name in dir(kind) if not name.startswith("_"))


# ---- values as plain data ---------------------------------------------------------------------------

class NotAPlainValue:
    """Stands for an answer that arrived as something other than plain data: it equals nothing."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__

    def __repr__(self):
        return f"<not a plain value: {self.type_name}>"


def encode_value(value, depth: int = 0):
    """Plain JSON for a value, with its Python type kept (a tuple stays a tuple, numpy.int64 stays so)."""
    if depth > 20:
        raise ValueError("nested too deeply")
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return value if math.isfinite(value) else {"float": repr(value)}
    if kind in (list, tuple, set, frozenset):
        items = [encode_value(v, depth + 1) for v in value]
        return items if kind is list else {kind.__name__: items}
    if kind is dict:
        return {"dict": [[encode_value(k, depth + 1), encode_value(v, depth + 1)] for k, v in value.items()]}
    module = kind.__module__.split(".")[0]
    if module == "numpy" and hasattr(value, "item") and getattr(value, "shape", None) == ():
        return {"numpy": kind.__name__, "value": encode_value(value.item(), depth + 1)}
    if module == "pandas" and kind.__name__ in ("Series", "DataFrame"):
        frame = value.to_frame(name="__series__" if value.name is None else value.name) if kind.__name__ == "Series" else value
        return {"pandas": kind.__name__, "json": frame.to_json(orient="table", date_format="iso")}
    raise TypeError(kind.__name__)


def decode_value(data):
    """The inverse of `encode_value`, trusting nothing: anything unexpected becomes NotAPlainValue.

    `data` must be what `json.loads` returns (plain dicts and lists, not nbformat's NotebookNode)."""
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode_value(v) for v in data]
    if type(data) is not dict or not data:
        return NotAPlainValue(type(data).__name__)
    if "float" in data and data["float"] in ("nan", "inf", "-inf"):
        return float(data["float"])
    for name, kind in (("tuple", tuple), ("set", set), ("frozenset", frozenset)):
        if name in data and type(data[name]) is list:
            try:
                return kind(decode_value(v) for v in data[name])
            except TypeError:  # unhashable member of a set
                return NotAPlainValue(name)
    if "dict" in data and type(data["dict"]) is list:
        try:
            return {decode_value(k): decode_value(v) for k, v in data["dict"]}
        except (TypeError, ValueError):
            return NotAPlainValue("dict")
    if "numpy" in data and type(data["numpy"]) is str:
        import numpy

        kind = getattr(numpy, data["numpy"], None) if data["numpy"].isidentifier() else None
        # numbers and booleans of a fixed size only: a numpy.void of a given size, say, is a buffer
        numeric = isinstance(kind, type) and issubclass(kind, (numpy.number, numpy.bool_))
        value = data.get("value")
        if numeric and type(value) in (bool, int, float):
            try:
                return kind(value)
            except (TypeError, ValueError, OverflowError):
                pass
        return NotAPlainValue("numpy." + data["numpy"][:40])
    if data.get("pandas") in ("Series", "DataFrame") and type(data.get("json")) is str:
        import pandas

        try:
            frame = pandas.read_json(io.StringIO(data["json"]), orient="table")
            if data["pandas"] == "DataFrame":
                return frame
            series = frame.iloc[:, 0]
            return series.rename(None) if series.name == "__series__" else series
        except (ValueError, KeyError, IndexError, TypeError):
            return NotAPlainValue("pandas." + data["pandas"])
    if "unsupported" in data and type(data["unsupported"]) is str:
        return NotAPlainValue(data["unsupported"][:100])
    return NotAPlainValue("dict")


#: What the kernel runs in place of a test cell: send each name's value, as plain data, and nothing else.
#: It carries its own copy of `encode_value` (the source of the function above), so that the kernel needs
#: nothing of this package.
_SEND = """\
def __course_send_answers(names):
    import math
    from IPython.display import display
    namespace = globals()
ENCODER
    out = {}
    for name in names:
        if name not in namespace:
            out[name] = {"undefined": True}
            continue
        try:
            out[name] = {"value": encode_value(namespace[name])}
        except Exception:
            out[name] = {"value": {"unsupported": type(namespace[name]).__name__}}
    display({MIME: out}, raw=True)
__course_send_answers(NAMES)
del __course_send_answers
"""


def extract_code(names: list[str]) -> str:
    import inspect
    import textwrap

    encoder = textwrap.indent(inspect.getsource(encode_value), "    ")
    return _SEND.replace("ENCODER", encoder.rstrip()).replace("MIME", repr(MIME)).replace("NAMES", repr(names))


# ---- the two preprocessors --------------------------------------------------------------------------

class ExtractAnswers(NbGraderPreprocessor):
    """Before Execute: value-checking test cells become answer extraction for the kernel."""

    enabled = Bool(True, help="Check value answers in the grader instead of the student's kernel.").tag(config=True)

    def preprocess(self, nb, resources):
        stash = resources.setdefault(RESOURCE_KEY, {})
        if not self.enabled:
            return nb, resources
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not is_grade(cell) or is_solution(cell):
                continue
            names = value_inputs(cell.source)
            if names is None:
                continue
            stash[index] = {"source": cell.source, "names": names,
                            "grade_id": cell.metadata["nbgrader"].get("grade_id")}
            cell.source = extract_code(names)
        return nb, resources


class CheckAnswers(NbGraderPreprocessor):
    """After Execute: the instructor's tests run here on the answers the kernel sent back."""

    max_answer_bytes = Integer(1 << 20, help="Largest answer payload read from one cell.").tag(config=True)
    timeout = Integer(10, help="CPU seconds of the grader one check may take; past it the check fails "
                               "(answers built to make a check slow gain nothing). CPU time, not wall-clock "
                               "time, so that a busy machine fails no honest check.").tag(config=True)

    def preprocess(self, nb, resources):
        stash = resources.get(RESOURCE_KEY, {})
        channel = resources.get(ANSWERS_KEY)  # the answers as the kernel sent them, outside the outputs
        for index, entry in stash.items():
            cell = nb.cells[index]
            if cell.metadata.get("nbgrader", {}).get("grade_id") != entry["grade_id"]:
                raise RuntimeError("notebook cells moved during execution")  # cannot happen in nbgrader's pipeline
            if channel is None:
                answers = self._answers(cell, entry["names"])
            else:
                answers = self._decode(channel.get(index), entry["names"])
            cell.source = entry["source"]
            cell.outputs = run_trusted(entry["source"], answers, timeout=self.timeout)
        return nb, resources

    def _answers(self, cell, names: list[str]) -> dict:
        """The answers from a cell's outputs (an Execute that keeps no channel of its own)."""
        payload = None
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if output.get("output_type") in ("display_data", "execute_result") else {}
            if MIME in data:
                payload = data[MIME]  # the last one counts; any of them is only the student's own claim
        return self._decode(payload, names)

    def _decode(self, payload, names: list[str]) -> dict:
        if payload is TOO_LARGE:
            return {name: NotAPlainValue("answers larger than CheckAnswers.max_answer_bytes") for name in names}
        try:  # back to plain JSON: nbclient hands outputs over as NotebookNode, a dict subclass
            text = payload if isinstance(payload, str) else json.dumps(payload)
            payload = json.loads(text) if len(text) <= self.max_answer_bytes else None
        except (TypeError, ValueError, RecursionError):
            payload = None
        answers = {}
        if type(payload) is not dict:
            return answers
        for name in names:
            entry = payload.get(name)
            if type(entry) is dict and "value" in entry:
                try:
                    answers[name] = decode_value(entry["value"])
                except (RecursionError, MemoryError):
                    answers[name] = NotAPlainValue("too deep or too large")
        return answers


class CheckTimeLimit(Exception):
    pass


#: Wall-clock seconds per CPU second of a check after which it is stopped anyway (a check that waits, not
#: computes); generous, so that a machine busy with other sandboxes stops no honest check.
WALL_PER_CPU_SECOND = 30


@contextlib.contextmanager
def _time_limit(seconds: int):
    """A limit in the grading worker's own CPU time (ITIMER_PROF), in its main thread (where nbgrader runs).

    CPU time: a classmate's processes that keep the machine's cores busy slow a check down in wall-clock
    time, never in its own CPU time. A wall-clock backstop stops a check that waits instead of computing."""
    import signal
    import threading

    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise CheckTimeLimit(f"the check took longer than {seconds} s of CPU time (CheckAnswers.timeout)")

    previous = {sig: signal.signal(sig, expired) for sig in (signal.SIGPROF, signal.SIGALRM)}
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_PER_CPU_SECOND)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_trusted(source: str, answers: dict, timeout: int = 10) -> list[NotebookNode]:
    """Run a test cell's code on the student's answers, here; its outputs as a notebook would hold them.

    Like IPython, the value of a last bare expression is the cell's result (nbgrader reads a number there
    as partial credit). Names the student never defined are simply not there, so the test meets the same
    NameError it would have met in the kernel.
    """
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    namespace.update(answers)
    stdout, stderr = io.StringIO(), io.StringIO()
    outputs: list[NotebookNode] = []
    result = text = None
    try:
        tree = ast.parse(code)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), _time_limit(timeout):
            exec(compile(tree, "<check>", "exec"), namespace)
            if last is not None:
                result = eval(compile(ast.Expression(last.value), "<check>", "eval"), namespace)
            text = repr(result) if result is not None else None
    except Exception as error:  # the test failed: the same error nbgrader would have recorded
        outputs = _streams(stdout, stderr)
        summary = traceback.format_exception_only(type(error), error)[-1].strip()
        outputs.append(from_dict({"output_type": "error", "ename": type(error).__name__,
                                  "evalue": str(error)[:10000], "traceback": [summary[:10000]]}))
        return outputs
    outputs = _streams(stdout, stderr)
    if text is not None:
        outputs.append(from_dict({"output_type": "execute_result", "execution_count": None, "metadata": {},
                                  "data": {"text/plain": text[:10000]}}))
    return outputs


STREAM_LIMIT = 64 << 10  # characters kept of what one check printed


def _streams(stdout: io.StringIO, stderr: io.StringIO) -> list[NotebookNode]:
    return [from_dict({"output_type": "stream", "name": name, "text": buffer.getvalue()[:STREAM_LIMIT]})
            for name, buffer in (("stdout", stdout), ("stderr", stderr)) if buffer.getvalue()]
