"""Reading korex's inputs: the documents behind ``korex extract``.

Inputs are text files (the whole file is one document), JSONL files (one record a line), JSON
files (an array of records, or one record), directories (their ``*.txt``, ``*.jsonl`` and
``*.json`` files, recursively, sorted, the extension in any case) and ``-`` for stdin.
:func:`read_inputs` yields an :class:`InputRecord` per document and an :class:`InputError`
per problem, in input order, so one bad file or line never stops the others.

Encodings: a file is read as UTF-8 (with or without a byte-order mark) when it is UTF-8; a
UTF-16 file is known by its byte-order mark; anything else is detected with
charset-normalizer among the encodings Korean text comes in (CP949, which includes EUC-KR,
first), and the record says which was used (``InputRecord.encoding``), so that the command
line can report it. ``encoding=`` forces one. Offsets in korex's output are always code points
of the decoded text, never bytes of the file.
"""
from __future__ import annotations

import codecs
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Optional, Union

from korex.dates import parse_reference_date

STDIN = "-"
STDIN_NAME = "<stdin>"
INPUT_FORMATS = ("auto", "txt", "jsonl", "json")
SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".json": "json"}
# Keys of an input record that korex reads; every other key is carried through in `meta`.
RECORD_KEYS = ("text", "id", "reference_date")
# The encodings a Korean text that is not UTF-8 is looked for in, most likely first.
KOREAN_ENCODINGS = ("cp949", "euc_kr", "utf_16", "johab", "iso2022_kr")
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class InputRecord:
    """One document to extract, and where it came from."""

    source: str
    line: Optional[int]
    text: str
    id: Optional[str] = None
    reference_date: Optional[str] = None
    meta: Optional[dict[str, Any]] = None
    encoding: str = "utf-8"   # how the file's bytes were read

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
    encoding: Optional[str] = None,
) -> Iterator[Union[InputRecord, InputError]]:
    """Records and errors from every input, in order, lazily (a JSONL file is read a line at a
    time). ``reference_date`` is the default for documents that do not carry their own;
    ``encoding`` forces how every input's bytes are read."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}, got {input_format!r}")
    if encoding is not None:
        codecs.lookup(encoding)  # LookupError for a name Python does not know
    for raw in inputs:
        raw = str(raw)
        if raw == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            fmt = input_format if input_format in ("jsonl", "json") else "txt"
            yield from _read_stream(stream, STDIN_NAME, fmt, reference_date, encoding)
            continue
        path = Path(raw)
        if path.is_dir():
            files = input_files(raw)
            if not files:
                yield InputError(raw, None, "directory holds no .txt, .jsonl or .json files")
            for name in files:
                yield from _read_file(name, input_format, reference_date, encoding)
        else:
            yield from _read_file(raw, input_format, reference_date, encoding)


def input_files(root: str) -> list[str]:
    """The files of a directory korex reads, recursively, sorted. Names keep the directory as
    the user wrote it, so ids and messages point where they looked."""
    return sorted(os.path.join(dirpath, fn)
                  for dirpath, _, filenames in os.walk(root)
                  for fn in filenames if Path(fn).suffix.lower() in SUFFIXES)


def format_of(name: str, input_format: str = "auto") -> str:
    if input_format != "auto":
        return input_format
    return SUFFIXES.get(Path(name).suffix.lower(), "txt")


def _read_file(name: str, input_format: str, reference_date: Optional[str], encoding: Optional[str]):
    try:
        f = open(name, "rb")
    except OSError as e:
        yield InputError(name, None, e.strerror or str(e))
        return
    with f:
        yield from _read_stream(f, name, format_of(name, input_format), reference_date, encoding)


def _read_stream(stream: BinaryIO, name: str, fmt: str, reference_date: Optional[str], encoding: Optional[str]):
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(stream, name, reference_date, encoding)
        elif fmt == "json":
            yield from _read_json(stream, name, reference_date, encoding)
        else:
            yield from _read_txt(stream, name, reference_date, encoding)
    except OSError as e:  # e.g. a directory's file removed or unreadable midway
        yield InputError(name, None, e.strerror or str(e))


class DecodeError(ValueError):
    pass


def decode(data: bytes, encoding: Optional[str] = None) -> tuple[str, str]:
    """(text, encoding used) of a file's bytes: ``encoding`` when given; else UTF-8 (a BOM
    dropped), UTF-16 by its BOM, or the Korean encoding charset-normalizer finds."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            raise DecodeError(f"not {encoding} (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), "utf-8" if enc == "utf-8-sig" else enc
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    found = _detect(data)
    if found is None:
        raise DecodeError(f"not UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}), and no Korean "
                          f"encoding (CP949, EUC-KR, UTF-16) reads it; name one with --encoding")
    return found


def _detect(data: bytes) -> Optional[tuple[str, str]]:
    from charset_normalizer import from_bytes  # here: only a file that is not UTF-8 needs it

    best = from_bytes(data, cp_isolation=list(KOREAN_ENCODINGS)).best()
    if best is None:
        return None
    enc = best.encoding
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        return None


def _read_txt(stream: BinaryIO, name: str, reference_date: Optional[str], encoding: Optional[str]):
    # Bytes, not text mode: universal newlines would turn "\r\n" into "\n" and every offset
    # after it would no longer point into the text.
    data = stream.read()
    try:
        text, used = decode(data, encoding)
    except DecodeError as e:
        yield InputError(name, None, str(e))
        return
    yield InputRecord(name, None, text, id=name, reference_date=reference_date, encoding=used)


def _read_json(stream: BinaryIO, name: str, reference_date: Optional[str], encoding: Optional[str]):
    """A JSON file: an array of records (each gives a document) or one record."""
    try:
        text, used = decode(stream.read(), encoding)
    except DecodeError as e:
        yield InputError(name, None, str(e))
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield InputError(name, e.lineno, f"malformed JSON: {e.msg} (column {e.colno})")
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items, 1):
        try:
            yield parse_record(obj, name, i, reference_date, default_id=f"{name}#{i}", encoding=used)
        except ValueError as e:
            yield InputError(name, None, f"record {i}: {e}")


def _read_jsonl(stream: BinaryIO, name: str, reference_date: Optional[str], encoding: Optional[str]):
    head = stream.read(2)
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or (encoding or "").replace("-", "").lower().startswith(
            "utf16"):
        # UTF-16 cannot be cut into lines at b"\n": the file is read whole, as text (it is rare)
        try:
            lines: Iterator = iter((head + stream.read()).decode(encoding or "utf-16").split("\n"))
        except UnicodeDecodeError as e:
            yield InputError(name, None, f"not {encoding or 'UTF-16'} (byte offset {e.start})")
            return
        decoded = True
    else:
        lines = _lines_with(head, stream)
        decoded = False
    used = encoding  # a line that is not UTF-8 fixes the file's encoding for the lines after it
    for lineno, raw in enumerate(lines, 1):
        if decoded:
            line = raw
        else:
            try:
                line = raw.decode(used or ("utf-8-sig" if lineno == 1 else "utf-8"))
            except UnicodeDecodeError as e:
                if used is not None:
                    yield InputError(name, lineno, f"not {used} (byte 0x{raw[e.start]:02x})")
                    continue
                found = _detect(raw)
                if found is None:
                    yield InputError(name, lineno, f"not UTF-8 (byte 0x{raw[e.start]:02x}), and no Korean encoding "
                                                   "reads it; name one with --encoding")
                    continue
                line, used = found
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(name, lineno, f"malformed JSON: {e.msg} (column {e.colno})")
            continue
        try:
            yield parse_record(obj, name, lineno, reference_date, default_id=f"{name}:{lineno}",
                               encoding="utf-16" if decoded else used or "utf-8")
        except ValueError as e:
            yield InputError(name, lineno, str(e))


def _lines_with(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    first = head + stream.readline()
    if first:
        yield first
    yield from stream


def parse_record(obj: Any, name: str, line: Optional[int], reference_date: Optional[str], *,
                 default_id: Optional[str] = None, encoding: str = "utf-8") -> InputRecord:
    """An input record from a JSON object: ``text`` (required), ``id`` and ``reference_date``;
    every other field is carried through as ``meta``. ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('no string "text" field' if text is None else '"text" is not a string')
    ref = checked_reference_date(obj.get("reference_date")) or reference_date
    id_ = obj.get("id")
    if id_ is None:
        # Without an id a document could not be traced back to its line.
        id_ = default_id
    elif not isinstance(id_, (str, int)) or isinstance(id_, bool):
        raise ValueError(f'"id" must be a string or an integer, got {type(id_).__name__}')
    meta = {k: v for k, v in obj.items() if k not in RECORD_KEYS}
    return InputRecord(name, line, text, id=None if id_ is None else str(id_), reference_date=ref,
                       meta=meta or None, encoding=encoding)
