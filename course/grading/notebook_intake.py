"""A submitted notebook is measured before it is parsed: its size, its cells, that it is a regular file.

nbformat parses a notebook whole, into Python objects many times its size: an 87 MB notebook took a grading
worker to 4 GiB before any limit of the grader could refuse it, and 60,000 empty cells cost half a minute
outside every limit of the notebook's run. This exporter is nbgrader's own `NotebookExporter` (the class
`BaseConverter.exporter_class` names, nbgrader's configurable seam for reading and writing notebooks),
refusing first, in one line, a notebook over `notebook_bytes` or with more than `cells` cells (counted on
the raw text before parsing, then exactly after), and anything that is not a regular file (a FIFO would
block the read for good). Both of Autograde's passes read through it: the submission, then its sanitised
copy.
"""

from __future__ import annotations

import os
import stat

import nbformat
from nbconvert.exporters import NotebookExporter
from traitlets import Integer

MiB = 1 << 20


class NotebookTooLarge(RuntimeError):
    pass


class NotebookIntake(NotebookExporter):
    """nbgrader's notebook exporter, with a notebook's size and cell count checked before parsing."""

    notebook_bytes = Integer(32 * MiB, help="Largest notebook file graded; a larger one is reported, not "
                                            "parsed.").tag(config=True)
    cells = Integer(2000, help="Most cells a graded notebook may have; one with more is reported, not "
                               "parsed.").tag(config=True)

    def from_filename(self, filename, resources=None, **kw):
        info = os.stat(filename)  # before open(): opening a FIFO would wait for a writer
        self._check_file(filename, info)
        return super().from_filename(filename, resources=resources, **kw)

    def from_file(self, file_stream, resources=None, **kw):
        name = getattr(file_stream, "name", "notebook")
        if hasattr(file_stream, "fileno"):
            self._check_file(name, os.fstat(file_stream.fileno()))
        text = file_stream.read(self.notebook_bytes + 1)  # characters: at most as many as bytes
        if len(text.encode("utf-8", "surrogatepass")) > self.notebook_bytes:
            raise NotebookTooLarge(f"{os.path.basename(str(name))!r} grew past {self.notebook_bytes} bytes "
                                   "while it was read (NotebookIntake.notebook_bytes); not graded")
        estimate = text.count('"cell_type"')
        if estimate > self.cells:
            raise self._too_many(name, estimate)
        nb = nbformat.reads(text, as_version=4)
        if len(nb.cells) > self.cells:  # a key may be written with escapes the estimate does not see
            raise self._too_many(name, len(nb.cells))
        return self.from_notebook_node(nb, resources=resources, **kw)

    def _check_file(self, name, info: os.stat_result) -> None:
        shown = repr(os.path.basename(str(name)))
        if not stat.S_ISREG(info.st_mode):
            raise NotebookTooLarge(f"{shown} is not a regular file; not graded")
        if info.st_size > self.notebook_bytes:
            raise NotebookTooLarge(f"{shown} is {info.st_size} bytes, more than {self.notebook_bytes} "
                                   "(NotebookIntake.notebook_bytes); not graded")

    def _too_many(self, name, count: int) -> NotebookTooLarge:
        return NotebookTooLarge(f"{os.path.basename(str(name))!r} has {count} cells, more than {self.cells} "
                                "(NotebookIntake.cells); not graded")
