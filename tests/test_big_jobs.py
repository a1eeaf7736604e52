"""Big jobs from the command line: input streams through in bounded memory, and a run killed
midway continues with --resume, with no record lost or written twice."""
import itertools
import json
import os
import signal
import subprocess
import sys
import time

from korex.cli.extract import extract_items
from korex.inputs import InputRecord
from korex.schema import Document

SENTENCES = [
    "한빛전자는 {n}일 가온소재를 인수했다고 밝혔다.",
    "누리바이오 김민수 대표는 미래제약과 기술이전 계약을 맺었다고 말했다.",
    "서울시는 내년 상반기 청년 창업 지원 예산을 늘리기로 했다.",
    "동해해운은 지난달 말 부산항만공사와 양해각서를 체결했다.",
]


class CountingExtractor:
    """Documents without entities, counting the records it was given."""

    def extract_batch(self, records):
        return [Document(id=r["id"]) for r in records]


def test_records_stream_through_a_batch_at_a_time():
    pulled = 0

    def endless():
        nonlocal pulled
        for n in itertools.count():
            pulled += 1
            yield InputRecord(text="x", id=str(n), source="in.jsonl", line=n + 1)

    documents = extract_items(CountingExtractor(), endless(), batch_size=16)
    first = [next(documents) for _ in range(20)]
    assert [d.id for d in first] == [str(n) for n in range(20)]
    assert pulled <= 2 * 16  # the input is read as the output is written, never ahead of it


def write_input(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = SENTENCES[i % len(SENTENCES)].format(n=i % 28 + 1)
            f.write(json.dumps({"id": f"doc-{i}", "text": text, "reference_date": "2024-05-01"},
                               ensure_ascii=False) + "\n")


def korex_extract(*args):
    return [sys.executable, "-m", "korex", "extract", *map(str, args)]


def test_a_killed_run_resumes_without_losing_or_repeating_a_record(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    write_input(src, 600)
    args = (src, "--format", "jsonl", "--output", out, "--model", "rules", "--batch-size", "4")
    run = subprocess.Popen(korex_extract(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and run.poll() is None:
        if partial.exists() and partial.stat().st_size > 20_000:  # some documents are out
            break
        time.sleep(0.05)
    assert run.poll() is None, "the run ended before it could be killed; give it more input"
    os.kill(run.pid, signal.SIGKILL)  # no clean-up at all: as a power cut or the OOM killer would
    run.wait()
    assert not out.exists()
    written = partial.read_text(encoding="utf-8").count("\n")
    assert 0 < written < 600

    resumed = subprocess.run(korex_extract(*args, "--resume"), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert "resuming after" in resumed.stderr
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"doc-{i}" for i in range(600)]
    assert not partial.exists()

    # the same records as one uninterrupted run
    clean = tmp_path / "clean.jsonl"
    subprocess.run(korex_extract(src, "--format", "jsonl", "--output", clean, "--model", "rules"),
                   check=True, capture_output=True, timeout=600)
    assert out.read_text(encoding="utf-8") == clean.read_text(encoding="utf-8")
