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
            for batch in _batched(items, batch_size):
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


def _batched(items: Iterable, n: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch
