"""Scale (issue 13): time and peak memory against the length of one document, a long text
against the same text in 20 inputs, one process against two, and Dask with two workers.
Every timing is a ratio measured in the same run; not a test.

    .venv/bin/python scripts/bench_scale.py length [--sizes 10000,100000,500000,2000000]
    .venv/bin/python scripts/bench_scale.py split [--size 2000000]
    .venv/bin/python scripts/bench_scale.py processes [--n 400]
    .venv/bin/python scripts/bench_scale.py dask [--n 400]

The text is korex's own corpus (corpus/train.jsonl) joined with blank lines, repeated as
far as a size needs: news-like text of any length. ``length`` and ``split`` run each
measurement in a fresh process, so that its peak memory is its own.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from corpus_splits import splits


def corpus_texts() -> list[str]:
    train, _ = splits()
    return [json.loads(line)["text"] for line in train.read_text(encoding="utf-8").splitlines() if line.strip()]


def text_of(size: int) -> str:
    texts, out, n = corpus_texts(), [], 0
    while n < size:
        t = texts[len(out) % len(texts)]
        out.append(t)
        n += len(t) + 2
    return "\n\n".join(out)[:size]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(size: int, parts: int) -> dict:
    """In this process: the text of ``size`` characters as one input or as ``parts`` inputs."""
    import korex

    extractor = korex.load()
    extractor("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다.")
    base_mb = _peak_mb()
    text = text_of(size)
    t = time.perf_counter()
    if parts == 1:
        doc = extractor(text)
        entities, deals = len(doc.entities), len(doc.deals)
    else:
        step = -(-len(text) // parts)
        docs = list(extractor.pipe([text[i:i + step] for i in range(0, len(text), step)]))
        entities, deals = sum(len(d.entities) for d in docs), sum(len(d.deals) for d in docs)
    seconds = time.perf_counter() - t
    return {"size": len(text), "parts": parts, "seconds": round(seconds, 2), "chars_per_s": round(len(text) / seconds),
            "peak_mb": round(_peak_mb()), "loaded_mb": round(base_mb), "entities": entities, "deals": deals}


def fresh(size: int, parts: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "_one", str(size), str(parts)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def records(n: int) -> list[dict]:
    texts = corpus_texts()
    return [{"id": str(i), "text": texts[i % len(texts)]} for i in range(n)]


def processes(n: int, batch_size: int) -> None:
    import korex

    extractor = korex.load()
    extractor("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다.")
    recs = records(n)
    chars = sum(len(r["text"]) for r in recs)
    rows = []
    for n_process in (1, 2):
        t = time.perf_counter()
        docs = list(extractor.pipe(recs, batch_size=batch_size, n_process=n_process))
        seconds = time.perf_counter() - t
        rows.append((n_process, seconds, docs))
    assert rows[0][2] == rows[1][2], "two processes gave other records than one"
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"texts {n} ({chars} characters) from corpus/train.jsonl, batch size {batch_size}")
    for n_process, seconds, _ in rows:
        print(f"n_process={n_process}  {seconds:7.1f} s  {chars / seconds:8.0f} chars/s  "
              f"speed-up {rows[0][1] / seconds:.2f}x")
    print(f"peak memory: parent {_peak_mb():.0f} MB, largest worker {child_mb:.0f} MB; records identical")


def dask_run(n: int, batch_size: int) -> None:
    import dask.bag as db
    import distributed

    import korex
    import korex.dask

    recs = records(n)
    chars = sum(len(r["text"]) for r in recs)
    local = korex.load()
    local("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다.")
    t = time.perf_counter()
    expected = list(local.pipe(recs, batch_size=batch_size))
    t_local = time.perf_counter() - t
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        client.run(lambda: __import__("korex").load()("삼성전자는 23일 마이크로소프트와 양해각서를 체결했다."))
        t = time.perf_counter()
        got = korex.dask.extract_bag(db.from_sequence(recs, npartitions=8), batch_size=batch_size).compute()
        t_dask = time.perf_counter() - t
        worker_mb = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(f"texts {n} ({chars} characters) from corpus/train.jsonl")
    print(f"one process (Extractor.pipe)  {t_local:7.1f} s  {chars / t_local:8.0f} chars/s")
    print(f"Dask, 2 local workers         {t_dask:7.1f} s  {chars / t_dask:8.0f} chars/s  "
          f"speed-up {t_local / t_dask:.2f}x (workers loaded before timing)")
    print(f"worker peak memory (MB): {sorted(round(v) for v in worker_mb.values())}; "
          f"records identical to local: {got == expected}")


def main() -> None:
    if sys.argv[1:2] == ["_one"]:
        print(json.dumps(one(int(sys.argv[2]), int(sys.argv[3]))))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["length", "split", "processes", "dask"])
    ap.add_argument("--sizes", default="10000,100000,500000,2000000")
    ap.add_argument("--size", type=int, default=2_000_000)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if args.what == "length":
        print(f"{'characters':>10s} {'seconds':>8s} {'chars/s':>8s} {'peak MB':>8s} {'loaded MB':>9s} {'entities':>8s} {'deals':>6s}")
        for size in map(int, args.sizes.split(",")):
            r = fresh(size, 1)
            print(f"{r['size']:10d} {r['seconds']:8.1f} {r['chars_per_s']:8d} {r['peak_mb']:8d} {r['loaded_mb']:9d} "
                  f"{r['entities']:8d} {r['deals']:6d}")
    elif args.what == "split":
        whole, parts = fresh(args.size, 1), fresh(args.size, 20)
        print(f"one input of {whole['size']} characters: {whole['seconds']} s, peak {whole['peak_mb']} MB")
        print(f"the same text as 20 inputs:           {parts['seconds']} s, peak {parts['peak_mb']} MB")
        print(f"ratio whole / 20 inputs: {whole['seconds'] / parts['seconds']:.2f}")
    elif args.what == "processes":
        processes(args.n, args.batch_size)
    else:
        dask_run(args.n, args.batch_size)


if __name__ == "__main__":
    main()
