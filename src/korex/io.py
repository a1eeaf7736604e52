"""Writing korex's outputs: :func:`open_writer` writes documents as a JSON array (or one
object), as JSONL or as one HTML page (:mod:`korex.html`), to stdout or atomically to a file.
Reading the inputs is :mod:`korex.inputs`.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional, Union

from korex.inputs import STDIN, format_of
from korex.schema import Document

OUTPUT_FORMATS = ("json", "jsonl")


# --- output ---------------------------------------------------------------------------------


def is_single_document(inputs: list[str], input_format: str = "auto") -> bool:
    """Whether the inputs are one document (one text file, or stdin as text): ``--format json``
    then writes that document as an object rather than an array. Decided by the command line,
    not by how many documents come out, so a JSONL file of one line still gives an array."""
    if len(inputs) != 1:
        return False
    name = str(inputs[0])
    if name == STDIN:
        return input_format != "jsonl"
    return not Path(name).is_dir() and format_of(name, input_format) == "txt"


def dump_document(doc: Union[Document, dict]) -> str:
    """One document as compact JSON with Korean left readable."""
    data = doc.model_dump(mode="json") if isinstance(doc, Document) else doc
    # allow_nan=False: a NaN or an infinity would be JavaScript, not JSON; never write one
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


class DocumentWriter:
    """Writes documents as they come. ``json``: a JSON array, or a single object when
    ``single`` (one input document) and exactly one was written; ``jsonl``: one a line.

    A JSON array is streamed too: only the first document waits, until a second one shows
    whether the output is an array."""

    def __init__(self, stream: IO[str], fmt: str = "json", *, single: bool = False):
        if fmt not in OUTPUT_FORMATS:
            raise ValueError(f"format must be one of {OUTPUT_FORMATS}, got {fmt!r}")
        self.stream = stream
        self.format = fmt
        self.single = single
        self.count = 0
        self._first: Optional[str] = None

    def write(self, doc: Union[Document, dict], text: Optional[str] = None) -> None:
        # ``text`` is for the html writer, which shows it; JSON output does not carry it.
        line = dump_document(doc)
        self.count += 1
        if self.format == "jsonl":
            self.stream.write(line + "\n")
        elif self.count == 1:
            self._first = line
        else:
            if self.count == 2:
                self.stream.write("[\n" + self._first)
                self._first = None
            self.stream.write(",\n" + line)

    def close(self) -> None:
        if self.format == "jsonl":
            self.stream.flush()
            return
        if self.count == 0:
            # One failed input document gives no output rather than an empty array.
            if not self.single:
                self.stream.write("[]\n")
        elif self.count == 1:
            self.stream.write(self._first + "\n" if self.single else "[\n" + self._first + "\n]\n")
        else:
            self.stream.write("\n]\n")
        self.stream.flush()

    @property
    def empty(self) -> bool:
        return self.format == "json" and self.single and self.count == 0


@contextmanager
def open_writer(path: Union[str, Path, None], fmt: str = "json", *, single: bool = False,
                stdout: Optional[IO[str]] = None) -> Iterator[DocumentWriter]:
    """``with open_writer(path, fmt) as w: w.write(doc)``; ``path`` None (or ``-``) is stdout.

    A file is written atomically: into a temporary file beside it, moved into place only when
    the block ends without an exception. A crash or Ctrl-C leaves no half-written file, and an
    existing file as it was."""
    if path is None or str(path) == STDIN:
        writer = _writer(stdout if stdout is not None else sys.stdout, fmt, single)
        yield writer
        writer.close()
        return
    path = Path(path)
    # Same directory, so that os.replace is a rename within one file system.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            writer = _writer(f, fmt, single)
            yield writer
            writer.close()
            os.fsync(f.fileno())
        if not writer.empty:
            os.chmod(tmp, _mode_for(path))
            os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _writer(stream: IO[str], fmt: str, single: bool):
    # html is not in OUTPUT_FORMATS: it is one page, not a stream of JSON documents.
    if fmt == "html":
        from korex.html import HtmlWriter  # imported here: only the html format needs it

        return HtmlWriter(stream, single=single)
    return DocumentWriter(stream, fmt, single=single)


def _mode_for(path: Path) -> int:
    # mkstemp makes the file 0600; give the output the mode a plain open() would have.
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
