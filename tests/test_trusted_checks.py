"""The trusted checks, piece by piece: which cells leave the kernel, and what survives the trip as data."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from course.grading.checks import (MIME, CheckAnswers, NotAPlainValue, decode_value, encode_value, extract_code,
                                   run_trusted, value_inputs)


@pytest.mark.parametrize("source, names", [
    ('assert answer_q1 == "C"', ["answer_q1"]),
    ("from course.data import load as _load\n_e = _load('events')\nassert n == len(_e)", ["n"]),
    ("from hashlib import sha1\nassert sha1(str(answer.lower()).encode()).hexdigest() == 'x'", ["answer"]),
    ("_f = lambda w: w + 1\nassert _f(x) == 2", ["x"]),
    ("assert [v for v in values if v > 1] == [2]", ["values"]),
    ("assert table.sort_values('a').iloc[0, 0] == 1", ["table"]),
])
def test_value_checks_leave_the_kernel(source, names):
    assert value_inputs(source) == names


@pytest.mark.parametrize("source", [
    "assert double(2) == 4",                  # a function the student wrote
    "assert model.predict(3) == 1",           # a method plain data does not have
    "assert handlers[0](1) == 2",             # something called out of a container
    "x = 1\nassert x == 1",                   # reads nothing of the student's
    "assert (",                               # does not parse: nbgrader's way
])
def test_checks_that_need_the_students_code_stay_in_the_kernel(source):
    assert value_inputs(source) is None


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, "Ærø", [1, "a"], (1, 2), {1, 2}, frozenset({"a"}), {"k": [1, (2, 3)], 4: None},
    float("inf"), np.int64(7), np.float64(0.25), np.bool_(True),
    pd.Series([1.5, 2.5], name="share"), pd.DataFrame({"year": [2014, 2022], "tie": ["NRC", "G8"]}),
])
def test_plain_values_survive_the_trip_with_their_types(value):
    back = decode_value(json.loads(json.dumps(encode_value(value))))
    assert type(back) is type(value)
    if isinstance(value, (pd.Series, pd.DataFrame)):
        assert back.equals(value)
    else:
        assert back == value


def test_nan_survives_and_objects_do_not():
    assert math.isnan(decode_value(json.loads(json.dumps(encode_value(float("nan"))))))

    class Always(str):
        def __eq__(self, other):
            return True

    with pytest.raises(TypeError):
        encode_value(Always("x"))


@pytest.mark.parametrize("payload", [
    {"__class__": "os.system"}, {"numpy": "ndarray", "value": 1}, {"numpy": "__builtins__"},
    {"set": [[1]]}, {"pandas": "DataFrame", "json": "not json"}, {"unsupported": "Anything"}, {}, "x" * 3,
])
def test_anything_odd_the_kernel_sends_becomes_a_value_that_equals_nothing(payload):
    back = decode_value(payload)
    if isinstance(payload, str):
        assert back == payload  # a string is a plain answer
    else:
        assert isinstance(back, NotAPlainValue) and back != back and back != "C"


def test_the_grader_runs_the_instructors_test_on_the_values_sent():
    right = run_trusted('assert answer == "C", "not the key"\nprint("right")', {"answer": "C"})
    wrong = run_trusted('assert answer == "C", "not the key"\nprint("right")', {"answer": "A"})
    missing = run_trusted('assert answer == "C"', {})
    partial = run_trusted("0.5 * (answer == 'C')", {"answer": "C"})
    assert [o.output_type for o in right] == ["stream"] and right[0].text == "right\n"
    assert wrong[0].output_type == "error" and wrong[0].evalue == "not the key"
    assert missing[0].ename == "NameError"
    assert partial[0].output_type == "execute_result" and partial[0].data["text/plain"] == "0.5"


def test_only_the_last_payload_for_the_names_asked_counts():
    cell = {"outputs": [
        {"output_type": "stream", "name": "stdout", "text": "Success!\n"},
        {"output_type": "display_data", "data": {MIME: {"answer": {"value": "A"}, "other": {"value": 1}}}},
        {"output_type": "display_data", "data": {MIME: {"answer": {"value": "B"}}}},
    ]}
    assert CheckAnswers()._answers(cell, ["answer"]) == {"answer": "B"}


def test_the_extraction_sends_only_data():
    namespace = {}
    code = extract_code(["a", "b", "c"])
    shown = []
    import IPython.display

    original = IPython.display.display
    IPython.display.display = lambda obj, raw=False: shown.append(obj)
    try:
        namespace.update(a=(1, 2), b=object())
        exec(code, namespace)
    finally:
        IPython.display.display = original
    [payload] = shown
    assert payload[MIME] == {"a": {"value": {"tuple": [1, 2]}}, "b": {"value": {"unsupported": "object"}},
                             "c": {"undefined": True}}
    assert "__course_send_answers" not in namespace


def test_answers_as_nbclient_hands_them_over_decode_like_plain_json():
    """nbclient stores outputs as NotebookNode (a dict subclass): a tuple answer must still be a tuple."""
    from nbformat.notebooknode import from_dict

    cell = from_dict({"outputs": [{"output_type": "display_data", "data": {MIME: {
        "pair": {"value": encode_value((2014, 2022))}, "share": {"value": encode_value(np.float64(0.5))}}}}]})
    answers = CheckAnswers()._answers(cell, ["pair", "share"])
    assert answers == {"pair": (2014, 2022), "share": np.float64(0.5)} and type(answers["pair"]) is tuple


@pytest.mark.parametrize("payload", [
    {"numpy": "void", "value": 1 << 34},          # a 16 GiB buffer, were it built
    {"numpy": "float64", "value": [1, 2]},        # not a number
    {"numpy": "int64", "value": 10 ** 30},        # does not fit
    {"numpy": "ndarray", "value": 3},
])
def test_no_payload_makes_the_grader_build_something_large(payload):
    assert isinstance(decode_value(payload), NotAPlainValue)


def test_a_deep_or_slow_answer_fails_its_own_check_only():
    deep = {"outputs": [{"output_type": "display_data", "data": {MIME: json.dumps(
        {"x": {"value": "[" * 5000 + "]" * 5000}})}}]}
    assert CheckAnswers()._answers(deep, ["x"]) == {"x": "[" * 5000 + "]" * 5000}  # a string: fine
    nested = {"outputs": [{"output_type": "display_data", "data": {MIME: '{"x": {"value": ' + "[" * 100000 + "]" * 100000 + "}}"}}]}
    assert CheckAnswers()._answers(nested, ["x"]) == {}
    slow = run_trusted("while answer:\n    pass", {"answer": True}, timeout=1)
    assert slow[0].ename == "CheckTimeLimit" and "CheckAnswers.timeout" in slow[0].evalue
