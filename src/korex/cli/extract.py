"""``korex extract``: documents from text files, JSONL files, directories and stdin."""
from __future__ import annotations

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
    RelationModelOption,
    app,
    load_extractor_or_exit,
    report,
)
from korex.io import (
    InputError,
    InputRecord,
    is_single_document,
    open_writer,
    checked_reference_date,
    read_inputs,
)
from korex.schema import Document


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    html = "html"


class InputFormat(str, Enum):
    auto = "auto"
    txt = "txt"
    jsonl = "jsonl"


@dataclass
class ExtractSummary:
    documents: int = 0
    failed: int = 0


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
    on_error: Callable[[InputError], None] = lambda err: None,
    on_document: Callable[[Document], None] = lambda doc: None,
) -> ExtractSummary:
    """Extract every input document and write the results to ``output`` (stdout when None).

    Inputs that cannot be read, and documents whose extraction raises, go to ``on_error`` and
    are counted as failed; the others are still extracted and written. Documents are written
    as they come, so a JSONL run holds one batch at a time, not the whole output."""
    summary = ExtractSummary()
    # The html page shows each document's text, which a Document does not hold. extract_items
    # gives one result per item in input order, so texts queued on the way in pair up with
    # results on the way out; the queue holds only the items in flight.
    texts: deque = deque()
    items = _keep_texts(read_inputs(inputs, input_format=input_format, reference_date=reference_date),
                        texts)
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


Item = Union[InputRecord, InputError]


def _keep_texts(items: Iterable[Item], texts: deque) -> Iterator[Item]:
    for item in items:
        texts.append(item.text if isinstance(item, InputRecord) else None)
        yield item


def extract_items(extractor, items: Iterable[Item], *, batch_size: int = 32,
                  n_process: int = 1) -> Iterator[Union[Document, InputError]]:
    """A Document for each record and each error passed through, in input order. A record
    whose extraction raises becomes an InputError at its name and line."""
    if n_process <= 1:
        for item in items:
            yield _extract_one(extractor, item)
        return
    # Extractor.pipe would do the pooling, but one exception there ends the whole run; here a
    # failure stays with its document. The window of batches in flight bounds memory on
    # large inputs, which Pool.imap would read to the end ahead of the workers.
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(extractor,)) as pool:
        pending: deque = deque()
        for batch in _batched(items, batch_size):
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _extract_one(extractor, item: Item) -> Union[Document, InputError]:
    if isinstance(item, InputError):
        return item
    try:
        return extractor(item.text, reference_date=item.reference_date, id=item.id, meta=item.meta)
    except Exception as e:
        return InputError(item.source, item.line, f"extraction failed: {type(e).__name__}: {e}")


_WORKER = None


def _init_worker(extractor) -> None:
    global _WORKER
    _WORKER = extractor


def _work(batch: list[Item]) -> list[Union[Document, InputError]]:
    return [_extract_one(_WORKER, item) for item in batch]


def _batched(items: Iterable[Item], n: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


# --- the command ----------------------------------------------------------------------------


def _check_reference_date(value: Optional[str]) -> Optional[str]:
    try:
        return checked_reference_date(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def _check_output(value: Optional[Path]) -> Optional[Path]:
    # Checked before any work, so a typo in the path does not cost a whole run.
    if value is None or str(value) == "-":
        return value
    if value.is_dir():
        raise typer.BadParameter(f"{value} is a directory")
    if not value.parent.is_dir():
        raise typer.BadParameter(f"no directory {value.parent}")
    return value


@contextmanager
def _progress(enabled: bool):
    """A callback counting documents, drawn as a spinner on stderr when ``enabled``."""
    if not enabled:
        yield lambda doc: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    # redirect_stdout off: stdout carries the JSON output and must not go through the bar.
    with Progress(SpinnerColumn(), TextColumn("extracting"), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True,
                  redirect_stdout=False, redirect_stderr=True) as bar:
        task = bar.add_task("extract", total=None)
        yield lambda doc: bar.advance(task)


def _utf8_stdout() -> None:
    # Output keeps Korean as is (ensure_ascii=False); a non-UTF-8 terminal would reject it.
    enc = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if enc != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


@app.command("extract")
def extract_cli(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUTS", show_default=False,
        help="Text files (one document each), JSONL files (one record a line), directories, or - for stdin.")],
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="json: an array, or one object for one input document; jsonl: one document a line; "
             "html: one self-contained page showing every document's text, entities and deals.")
    ] = OutputFormat.json,
    reference_date: Annotated[Optional[str], typer.Option(
        "--reference-date", "-d", metavar="YYYY-MM-DD", callback=_check_reference_date,
        help="Resolve relative dates against this day (a JSONL record's own reference_date wins).")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", callback=_check_output, help="Write here (atomically) instead of stdout.")] = None,
    model: ModelOption = None,
    relation_model: RelationModelOption = None,
    input_format: Annotated[InputFormat, typer.Option(
        "--input-format", help="auto: by extension (.jsonl or else text), stdin as text.")] = InputFormat.auto,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per batch sent to a worker process.")] = 32,
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Extract entities, relations and deals from INPUTS as korex JSON documents."""
    extractor = load_extractor_or_exit(model, relation_model)
    if output is None or str(output) == "-":
        _utf8_stdout()
    # On one terminal for both, documents on stdout would tear through the bar.
    to_terminal = (output is None or str(output) == "-") and sys.stdout.isatty()
    with _progress(sys.stderr.isatty() and not to_terminal) as on_document:
        try:
            summary = extract(
                inputs, extractor, output=output, fmt=fmt.value, input_format=input_format.value,
                reference_date=reference_date, batch_size=batch_size, n_process=n_process,
                on_error=lambda err: report(str(err)), on_document=on_document,
            )
        except OSError as e:
            report(f"cannot write {output or 'stdout'}: {e.strerror or e}")
            raise typer.Exit(EXIT_FAILED)
    raise typer.Exit(EXIT_FAILED if summary.failed else EXIT_OK)
