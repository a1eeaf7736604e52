"""Reading korex's inputs and writing its outputs: the plain functions behind ``korex extract``.

Inputs are ``.txt`` files (the whole file is one document), ``.jsonl`` files (one record a
line), directories (their ``*.txt`` and ``*.jsonl`` files, recursively, sorted) and ``-`` for
stdin. :func:`read_inputs` yields an :class:`InputRecord` per document and an
:class:`InputError` per problem, in input order, so one bad file or line never stops the
others. :func:`open_writer` writes documents as a JSON array (or one object), as JSONL or as
one HTML page (:mod:`korex.html`), to stdout or atomically to a file.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, Iterable, Iterator, Optional, Union

from korex.dates import parse_reference_date
from korex.schema import Document

STDIN = "-"
STDIN_NAME = "<stdin>"
INPUT_FORMATS = ("auto", "txt", "jsonl")
OUTPUT_FORMATS = ("json", "jsonl")
SUFFIXES = {".txt": "txt", ".jsonl": "jsonl"}
# Keys of a JSONL input record that korex reads; every other key is carried through in `meta`.
RECORD_KEYS = ("text", "id", "reference_date")



@dataclass(frozen=True)
class InputRecord:
    """One document to extract, and where it came from."""

    source: str
    line: Optional[int]
    text: str
    id: Optional[str] = None
    reference_date: Optional[str] = None
    meta: Optional[dict[str, Any]] = None

    @property
    def where(self) -> str:
        return self.source if self.line is None else f"{self.source}:{self.line}"


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: the file (or stdin), the 1-based line if known, why."""

    source: str
    line: Optional[int]
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


def checked_reference_date(value: Any) -> Optional[str]:
    """A reference date as ``YYYY-MM-DD`` text, checked by :func:`korex.dates.parse_reference_date`
    (the library's own reading), or None for none; ValueError otherwise."""
    day = parse_reference_date(value)
    return None if day is None else day.isoformat()


def read_inputs(
    inputs: Iterable[Union[str, Path]],
    *,
    input_format: str = "auto",
    reference_date: Optional[str] = None,
    stdin: Optional[BinaryIO] = None,
) -> Iterator[Union[InputRecord, InputError]]:
    """Records and errors from every input, in order, lazily (a JSONL file is read a line at a
    time). ``reference_date`` is the default for documents that do not carry their own."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}, got {input_format!r}")
    for raw in inputs:
        raw = str(raw)
        if raw == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            fmt = "jsonl" if input_format == "jsonl" else "txt"
            yield from _read_stream(stream, STDIN_NAME, fmt, reference_date)
            continue
        path = Path(raw)
        if path.is_dir():
            files = _dir_files(raw)
            if not files:
                yield InputError(raw, None, "directory holds no .txt or .jsonl files")
            for name in files:
                yield from _read_file(name, input_format, reference_date)
        else:
            yield from _read_file(raw, input_format, reference_date)


def _dir_files(root: str) -> list[str]:
    # Names keep the directory as the user wrote it, so ids and messages point where they looked.
    return sorted(os.path.join(dirpath, fn)
                  for dirpath, _, filenames in os.walk(root)
                  for fn in filenames if Path(fn).suffix in SUFFIXES)


def _format_of(name: str, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    return SUFFIXES.get(Path(name).suffix, "txt")


def _read_file(name: str, input_format: str, reference_date: Optional[str]):
    try:
        f = open(name, "rb")
    except OSError as e:
        yield InputError(name, None, e.strerror or str(e))
        return
    with f:
        yield from _read_stream(f, name, _format_of(name, input_format), reference_date)


def _read_stream(stream: BinaryIO, name: str, fmt: str, reference_date: Optional[str]):
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(stream, name, reference_date)
        else:
            yield from _read_txt(stream, name, reference_date)
    except OSError as e:  # e.g. a directory's file removed or unreadable midway
        yield InputError(name, None, e.strerror or str(e))


def _read_txt(stream: BinaryIO, name: str, reference_date: Optional[str]):
    # Bytes, not text mode: universal newlines would turn "\r\n" into "\n" and every offset
    # after it would no longer point into the file.
    data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        yield InputError(name, line, f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})")
        return
    yield InputRecord(name, None, text, id=name, reference_date=reference_date)


def _read_jsonl(stream: BinaryIO, name: str, reference_date: Optional[str]):
    for lineno, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as e:
            yield InputError(name, lineno, f"not UTF-8 (byte 0x{raw[e.start]:02x})")
            continue
        if not line.strip():
            continue
        try:
            yield _parse_record(line, name, lineno, reference_date)
        except ValueError as e:
            yield InputError(name, lineno, str(e))


def _parse_record(line: str, name: str, lineno: int, reference_date: Optional[str]) -> InputRecord:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"malformed JSON: {e.msg} (column {e.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('no string "text" field' if text is None else '"text" is not a string')
    ref = checked_reference_date(obj.get("reference_date")) or reference_date
    id_ = obj.get("id")
    if id_ is None:
        # Without an id a document could not be traced back to its line.
        id_ = f"{name}:{lineno}"
    elif not isinstance(id_, (str, int)) or isinstance(id_, bool):
        raise ValueError(f'"id" must be a string or an integer, got {type(id_).__name__}')
    meta = {k: v for k, v in obj.items() if k not in RECORD_KEYS}
    return InputRecord(name, lineno, text, id=str(id_), reference_date=ref, meta=meta or None)


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
    return not Path(name).is_dir() and _format_of(name, input_format) == "txt"


def dump_document(doc: Union[Document, dict]) -> str:
    """One document as compact JSON with Korean left readable."""
    data = doc.model_dump(mode="json") if isinstance(doc, Document) else doc
    return json.dumps(data, ensure_ascii=False)


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
