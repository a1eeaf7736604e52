"""Worker processes for korex: batches of documents out, results back in input order.

Each worker builds its own pipeline once (spaCy and Kiwi are loaded in the worker, never
pickled), then takes batches. At most ``2 × n_process`` batches are in flight, so a large
input is read only as fast as the workers take it and memory stays bounded.

The start method is ``fork`` where the platform has it (Linux): a script that calls
``extractor.pipe(texts, n_process=2)`` at its top level works as written, without the
``if __name__ == "__main__":`` guard that ``spawn`` needs. The forked worker drops any
pipeline and Kiwi it inherited (their threads do not survive a fork) and loads its own.
Elsewhere (``spawn``) a script without the guard makes the workers fail as they start; the
pool then stops at once with :class:`WorkerStartError`, saying what to do, instead of
starting workers forever.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, Optional

GUARD_HINT = ("korex's worker processes could not start. With the 'spawn' start method (macOS, Windows) a "
              "script that calls pipe(..., n_process=N) must do so under `if __name__ == \"__main__\":`, "
              "or use n_process=1.")

_STATE: dict = {}


class WorkerStartError(RuntimeError):
    """The worker processes died before they could take work."""


def start_method() -> str:
    """``fork`` where the platform offers it, else ``spawn``."""
    return "fork" if "fork" in mp.get_all_start_methods() and os.name == "posix" else "spawn"


def _init(make_worker: Callable[[], Any]) -> None:
    from korex import tokenizer  # here: the worker's own Kiwi, never the parent's

    tokenizer.reset_kiwi()
    _STATE["worker"] = make_worker()


def _run(batch: list) -> list:
    return _STATE["work"](_STATE["worker"], batch)


def ordered_map(make_worker: Callable[[], Any], work: Callable[[Any, list], list], items: Iterable,
                *, batch_size: int = 32, n_process: int = 2, context: Optional[str] = None) -> Iterator:
    """``work(worker, batch)`` for each batch of ``items`` in ``n_process`` processes, each
    with one ``worker = make_worker()``; the results, flattened, in input order.
    ``make_worker`` and ``work`` must be picklable (module-level functions or
    ``functools.partial`` of them)."""
    ctx = mp.get_context(context or start_method())
    pending: deque = deque()
    done = 0
    with ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker_state,
                             initargs=(make_worker, work)) as pool:
        try:
            for batch in batched(items, batch_size):
                pending.append(pool.submit(_run, batch))
                if len(pending) >= 2 * n_process:
                    yield from pending.popleft().result()
                    done += 1
            while pending:
                yield from pending.popleft().result()
                done += 1
        except BrokenProcessPool as e:
            for f in pending:
                f.cancel()
            if done == 0:
                raise WorkerStartError(GUARD_HINT) from e
            raise WorkerStartError("a korex worker process died while extracting (out of memory?); "
                                   f"{done} batches had come back") from e


def _init_worker_state(make_worker, work) -> None:
    _STATE["work"] = work
    _init(make_worker)


_LOADED: dict = {}


def process_extractor(extractor):
    """The loaded Extractor of this process with ``extractor``'s settings: built the first
    time a process asks, then reused. Engines that ship work to other processes (Dask, Spark)
    send an unloaded Extractor (it pickles without its pipeline), and every task of a
    worker process then shares one pipeline instead of loading its own."""
    key = (str(extractor.model), str(extractor.relation_model), str(extractor.deal_model), extractor.section_chars)
    loaded = _LOADED.get(key)
    if loaded is None or _LOADED.get("pid") != os.getpid():
        if _LOADED.get("pid") != os.getpid():  # a forked child: the parent's pipelines are not its own
            from korex import tokenizer  # here: only a process that extracts needs Kiwi

            tokenizer.reset_kiwi()
            _LOADED.clear()
            _LOADED["pid"] = os.getpid()
        loaded = _LOADED[key] = extractor.unloaded()
    return loaded


def batched(items: Iterable, n: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


# --- partitions of another engine's work (Dask, Spark) -------------------------------------------
ERRORS = ("raise", "record")


def extract_partition(items, extractor, batch_size: int = 32, errors: str = "raise") -> list:
    """Documents for a partition of texts or records, on this process's pipeline for
    ``extractor``'s settings. ``errors="record"``: ``{"id", "error"}`` in place of an input
    that fails; ``"raise"``: the first failure raises."""
    items = list(items)
    local = process_extractor(extractor)
    out = []
    for start in range(0, len(items), batch_size):
        batch = items[start:start + batch_size]
        for n, result in enumerate(local.extract_batch(batch)):
            if isinstance(result, Exception):
                if errors == "raise":
                    raise result
                item = batch[n]
                result = {"id": item.get("id") if isinstance(item, dict) else None, "error": str(result)}
            out.append(result)
    return out


def extract_pandas(df, extractor, text: str = "text", id: Optional[str] = None, reference_date: Optional[str] = None,
                   column: str = "korex", batch_size: int = 32, errors: str = "raise"):
    """A pandas DataFrame with ``column`` added: each row's document (or error) as JSON."""
    from korex.io import dump_document  # here: only the dataframe path writes JSON

    records = [{"text": t} for t in df[text].tolist()]
    if id is not None:
        for rec, value in zip(records, df[id].tolist()):
            rec["id"] = None if _missing(value) else str(value)
    if reference_date is not None:
        for rec, value in zip(records, df[reference_date].tolist()):
            rec["reference_date"] = None if _missing(value) else value
    docs = extract_partition(records, extractor, batch_size, errors)
    return df.assign(**{column: [dump_document(d) for d in docs]})


def _missing(value) -> bool:
    import pandas  # here: only a pandas partition has pandas' missing values (None, NaN, NA, NaT)

    return value is None or (pandas.api.types.is_scalar(value) and bool(pandas.isna(value)))
