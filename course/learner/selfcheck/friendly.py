"""A plain message instead of a red NameError traceback when a self-check answer is typed without quotes.

`quiz.check(1, b)` fails before the course sees the reply: Python looks up a variable `b` and raises
NameError. Of the places the course could catch it, IPython's custom exception hook (`set_custom_exc`) is the
least surprising: it changes how one kind of error is *shown*, and only for a line that calls `.check(`;
every other NameError gets IPython's usual traceback, and no code is rewritten before it runs (an input
transformer that added quotes would change what the learner's code means).
"""

from __future__ import annotations

import re
import sys
import traceback

_CHECK = re.compile(r"\.check\(\s*(\d+)\s*,")


def message(line: str, name: str) -> str | None:
    """The friendly message for NameError `name` raised on `line`, or None if the line is not a self-check."""
    match = _CHECK.search(line or "")
    if not match or not re.search(rf"\b{re.escape(name)}\b", line[match.end():]):
        return None
    number = match.group(1)
    return (f"Q{number}: Python read {name} as the name of a variable, and there is none. Put a letter in "
            f"quotes, like quiz.check({number}, \"{name[:1].upper() if len(name) == 1 else 'B'}\"), and a number "
            f"as digits, like quiz.check({number}, 12). Run the cell again (this try was not counted).")


def _handler(shell, etype, value, tb, tb_offset=None):
    frames = traceback.extract_tb(tb)
    line = frames[-1].line if frames else ""
    text = message(line, getattr(value, "name", "") or "")
    if text is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    print(text)
    return None


def register() -> bool:
    """Install the hook in the running IPython shell (once); False outside IPython or if a hook is already set."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    if getattr(shell, "CustomTB", None) is not None and getattr(shell, "custom_exceptions", ()) not in ((), None):
        return shell.custom_exceptions == (NameError,)  # ours, or someone else's: leave it
    shell.set_custom_exc((NameError,), _handler)
    return True
