"""``korex extract``: documents from text, JSONL and JSON files, directories and stdin.

Big jobs: input is read lazily and documents are written as they come, a batch at a time,
so a JSONL file of any length goes through in bounded memory, with a progress bar (rate and
time left) on a terminal. JSONL written to a file goes first to ``OUT.partial``, renamed to
``OUT`` when the run ends; a run that is interrupted (Ctrl-C, SIGTERM, a crash) leaves the
partial file, and ``--resume`` continues it, skipping the ids already written, so that no
document is lost or written twice. Other formats are written atomically: an interrupted run
leaves the output as it was and no temporary file.
"""
from __future__ import annotations

import functools
import json
import os
import signal
import sys
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Iterable, Iterator, Optional, Union

import typer

from korex.cli.main import (
    EXIT_FAILED,
    EXIT_OK,
    ModelOption,
    DealModelOption,
    RelationModelOption,
    app,
    load_extractor_or_exit,
    report,
)
from korex.inputs import (
    STDIN,
    InputError,
    InputRecord,
    checked_reference_date,
    format_of,
    input_files,
    read_inputs,
)
from korex.io import dump_document, is_single_document, open_writer
from korex.parallel import batched
from korex.schema import Document

PARTIAL = ".partial"


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    html = "html"


class InputFormat(str, Enum):
    auto = "auto"
    txt = "txt"
    jsonl = "jsonl"
    json = "json"


@dataclass
class ExtractSummary:
    documents: int = 0
    failed: int = 0
    skipped: int = 0   # already in the output (--resume)


Item = Union[InputRecord, InputError]


def extract(
    inputs: list[str],
    extractor,
    *,
    output: Union[str, Path, None] = None,
    fmt: str = "json",
    input_format: str = "auto",
    reference_date: Optional[str] = None,
    batch_size: int = 32,
    n_process: int = 1,
    encoding: Optional[str] = None,
    resume: bool = False,
    on_error: Callable[[InputError], None] = lambda err: None,
    on_document: Callable[[Optional[Document]], None] = lambda doc: None,
    on_notice: Callable[[str], None] = lambda message: None,
) -> ExtractSummary:
    """Extract every input document and write the results to ``output`` (stdout when None).

    Inputs that cannot be read, and documents whose extraction raises, go to ``on_error`` and
    are counted as failed; the others are still extracted and written. ``on_notice`` hears
    of inputs read in an encoding other than UTF-8. ``resume`` (JSONL to a file): skip the
    ids already written by an interrupted run, and append."""
    summary = ExtractSummary()
    items: Iterable[Item] = read_inputs(inputs, input_format=input_format, reference_date=reference_date,
                                        encoding=encoding)
    items = _noticing_encodings(items, on_notice)
    if fmt == "jsonl" and output is not None and str(output) != STDIN:
        return _extract_jsonl_file(items, extractor, Path(output), resume=resume, batch_size=batch_size,
                                   n_process=n_process, summary=summary, on_error=on_error,
                                   on_document=on_document, on_notice=on_notice)
    # The html page shows each document's text, which a Document does not hold. extract_items
    # gives one result per item in input order, so texts queued on the way in pair up with
    # results on the way out; the queue holds only the items in flight.
    texts: deque = deque()
    items = _keep_texts(items, texts)
    single = is_single_document(inputs, input_format)
    with open_writer(output, fmt, single=single) as writer:
        for item in extract_items(extractor, items, batch_size=batch_size, n_process=n_process):
            text = texts.popleft()
            if isinstance(item, InputError):
                summary.failed += 1
                on_error(item)
            else:
                writer.write(item, text)
                summary.documents += 1
            on_document(item)
    return summary


def _extract_jsonl_file(items, extractor, output: Path, *, resume: bool, batch_size: int, n_process: int,
                        summary: ExtractSummary, on_error, on_document, on_notice) -> ExtractSummary:
    partial = output.with_name(output.name + PARTIAL)
    done: set = set()
    if resume:
        source = partial if partial.exists() else output if output.exists() else None
        if source is not None:
            done = _ids_written(source, partial)
            on_notice(f"{output}: resuming after {len(done)} documents already written")
    elif partial.exists():
        partial.unlink()  # a new run: an old interrupted one is not continued without --resume

    def todo(stream):
        for item in stream:
            if isinstance(item, InputRecord) and item.id in done:
                summary.skipped += 1
                on_document(None)
                continue
            yield item

    with open(partial, "a", encoding="utf-8", newline="\n") as f:
        for item in extract_items(extractor, todo(items), batch_size=batch_size, n_process=n_process):
            if isinstance(item, InputError):
                summary.failed += 1
                on_error(item)
            else:
                f.write(dump_document(item) + "\n")
                summary.documents += 1
            on_document(item)
            if summary.documents % batch_size == 0:
                f.flush()
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, output)
    return summary


def _ids_written(source: Path, partial: Path) -> set:
    """The ids of the complete documents in ``source``; ``partial`` is left holding exactly
    those lines (a line cut off by the interruption is dropped)."""
    ids, keep = set(), []
    with open(source, "rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                break  # the last line, cut off mid-write
            try:
                doc = json.loads(raw)
            except ValueError:
                break
            ids.add(doc.get("id"))
            keep.append(raw)
    tmp = partial.with_name(partial.name + ".tmp")
    with open(tmp, "wb") as out:
        out.writelines(keep)
    os.replace(tmp, partial)
    return ids


def _noticing_encodings(items: Iterable[Item], on_notice) -> Iterator[Item]:
    told = set()
    for item in items:
        if isinstance(item, InputRecord) and item.encoding != "utf-8" and item.source not in told:
            told.add(item.source)
            on_notice(f"{item.source}: read as {item.encoding} (not UTF-8); offsets count characters of the "
                      "decoded text")
        yield item


def _keep_texts(items: Iterable[Item], texts: deque) -> Iterator[Item]:
    for item in items:
        texts.append(item.text if isinstance(item, InputRecord) else None)
        yield item


def extract_items(extractor, items: Iterable[Item], *, batch_size: int = 32,
                  n_process: int = 1) -> Iterator[Union[Document, InputError]]:
    """A Document for each record and each error passed through, in input order. A record
    whose extraction raises becomes an InputError at its name and line."""
    if n_process <= 1:
        for batch in batched(items, batch_size):
            yield from _extract_batch(extractor, batch)
        return
    from korex.parallel import ordered_map  # here: only a run with worker processes needs it

    yield from ordered_map(functools.partial(_unloaded, extractor), _extract_batch, items,
                           batch_size=batch_size, n_process=n_process)


def _unloaded(extractor):
    """The extractor a worker process uses: a copy that loads its own pipeline there."""
    from korex.pipeline import Extractor  # here: the pipeline module loads spaCy

    if isinstance(extractor, Extractor):
        return Extractor(extractor.model, relation_model=extractor.relation_model, deal_model=extractor.deal_model)
    return extractor


def _extract_batch(extractor, batch: list[Item]) -> list[Union[Document, InputError]]:
    records = [i for i in batch if isinstance(i, InputRecord)]
    calls = [{"text": r.text, "id": r.id, "reference_date": r.reference_date, **(r.meta or {})} for r in records]
    results = iter(extractor.extract_batch(calls))
    out: list = []
    for item in batch:
        if isinstance(item, InputError):
            out.append(item)
            continue
        result = next(results)
        if isinstance(result, Exception):
            out.append(InputError(item.source, item.line, f"extraction failed: {type(result).__name__}: {result}"))
        else:
            out.append(result)
    return out



# --- the command ----------------------------------------------------------------------------


def _check_reference_date(value: Optional[str]) -> Optional[str]:
    try:
        return checked_reference_date(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def _check_output(value: Optional[Path]) -> Optional[Path]:
    # Checked before any work, so a typo in the path does not cost a whole run.
    if value is None or str(value) == STDIN:
        return value
    if value.is_dir():
        raise typer.BadParameter(f"{value} is a directory")
    if not value.parent.is_dir():
        raise typer.BadParameter(f"no directory {value.parent}")
    return value


def _check_encoding(value: Optional[str]) -> Optional[str]:
    import codecs

    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {value!r} (e.g. utf-8, cp949, euc-kr, utf-16)") from None


def output_is_an_input(output: Path, inputs: list[str]) -> Optional[str]:
    """The input the output would overwrite or be read back as, if any."""
    out = output.resolve()
    for raw in inputs:
        if raw == STDIN:
            continue
        path = Path(raw)
        if path.is_dir():
            if out.is_relative_to(path.resolve()) and format_of(out.name) != "txt" or \
                    any(Path(f).resolve() == out for f in input_files(raw)):
                return raw
        elif path.exists() and path.resolve() == out:
            return raw
    return None


@contextmanager
def _progress(enabled: bool, total: Optional[int]):
    """A callback counting documents, drawn on stderr when ``enabled``: done, rate, time left."""
    if not enabled:
        yield lambda doc: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = [SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn()]
    # redirect_stdout off: stdout carries the JSON output and must not go through the bar.
    with Progress(*columns, console=Console(stderr=True), transient=True, redirect_stdout=False,
                  redirect_stderr=True) as bar:
        task = bar.add_task("extract", total=total, rate="")

        def advance(doc) -> None:
            bar.advance(task)
            speed = bar.tasks[0].speed
            if speed:
                bar.update(task, rate=f"{speed:.1f} docs/s")

        yield advance


def count_documents(inputs: list[str], input_format: str) -> Optional[int]:
    """How many documents the inputs hold, counted cheaply (lines of JSONL files, one per text
    file); None where that cannot be known without reading it all (stdin, JSON arrays)."""
    total = 0
    for raw in inputs:
        if raw == STDIN:
            return None
        files = input_files(raw) if Path(raw).is_dir() else [raw]
        for name in files:
            fmt = format_of(name, input_format)
            if fmt == "json":
                return None
            if fmt == "txt":
                total += 1
                continue
            try:
                with open(name, "rb") as f:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
            except OSError:
                continue
    return total


def _utf8_stdout() -> None:
    # Output keeps Korean as is (ensure_ascii=False); a non-UTF-8 terminal would reject it.
    enc = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if enc != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: the output is left as an interrupted run leaves it."""


def _on_sigterm(signum, frame):
    raise Terminated()


@app.command("extract")
def extract_cli(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUTS", show_default=False,
        help="Text files (one document each), JSONL files (one record a line), JSON files (an array of records), "
             "directories, or - for stdin.")],
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="json: an array, or one object for one input document; jsonl: one document a line; "
             "html: one self-contained page showing every document's text, entities and deals.")
    ] = OutputFormat.json,
    reference_date: Annotated[Optional[str], typer.Option(
        "--reference-date", "-d", metavar="YYYY-MM-DD", callback=_check_reference_date,
        help="Resolve relative dates against this day (a record's own reference_date wins).")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", callback=_check_output,
        help="Write here instead of stdout (atomically; JSONL through OUTPUT.partial, see --resume).")] = None,
    model: ModelOption = None,
    relation_model: RelationModelOption = None,
    deal_model: DealModelOption = None,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", help="auto: by extension (.jsonl, .json, else text; any case), stdin as text.")
    ] = InputFormat.auto,
    encoding: Annotated[Optional[str], typer.Option(
        callback=_check_encoding, metavar="NAME",
        help="Read every input in this encoding (e.g. cp949). Default: UTF-8, else detected and reported.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="With --format jsonl --output OUT: continue an interrupted run, skipping the ids "
                         "already written.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per batch through the pipeline.")] = 32,
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Extract entities, relations and deals from INPUTS as korex JSON documents."""
    to_stdout = output is None or str(output) == STDIN
    if resume and (fmt != OutputFormat.jsonl or to_stdout):
        raise typer.BadParameter("--resume needs --format jsonl and --output FILE", param_hint="--resume")
    if not to_stdout and (clash := output_is_an_input(output, inputs)):
        raise typer.BadParameter(f"{output} is {clash} or would be read as one of its inputs; "
                                 "write the output elsewhere", param_hint="--output")
    extractor = load_extractor_or_exit(model, relation_model, deal_model)
    if to_stdout:
        _utf8_stdout()
    # On one terminal for both, documents on stdout would tear through the bar.
    show = sys.stderr.isatty() and not (to_stdout and sys.stdout.isatty())
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        with _progress(show, count_documents(inputs, input_format.value) if show else None) as on_document:
            summary = extract(
                inputs, extractor, output=output, fmt=fmt.value, input_format=input_format.value,
                reference_date=reference_date, batch_size=batch_size, n_process=n_process, encoding=encoding,
                resume=resume, on_error=lambda err: report(str(err)), on_document=on_document, on_notice=report,
            )
    except BrokenPipeError:
        # the reader went away (korex extract … | head): stop quietly, as a Unix filter does
        _quiet_stdout()
        raise typer.Exit(EXIT_OK)
    except Terminated:
        _interrupted(output, fmt)
        raise typer.Exit(143)
    except KeyboardInterrupt:
        _interrupted(output, fmt)
        raise typer.Exit(130)
    except OSError as e:
        report(f"cannot write {output or 'stdout'}: {e.strerror or e}")
        raise typer.Exit(EXIT_FAILED)
    finally:
        signal.signal(signal.SIGTERM, previous)
    raise typer.Exit(EXIT_FAILED if summary.failed else EXIT_OK)


def _interrupted(output: Optional[Path], fmt: OutputFormat) -> None:
    if output is not None and fmt == OutputFormat.jsonl and str(output) != STDIN:
        partial = output.with_name(output.name + PARTIAL)
        if partial.exists():
            report(f"interrupted: the documents done are in {partial}; run again with --resume to go on")
            return
    report("interrupted: the output is left as it was")


def _quiet_stdout() -> None:
    # Python would report the broken pipe again when it flushes stdout at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
