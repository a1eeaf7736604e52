"""The corpus written for korex (corpus/) is what its records say: every adjudicated passage
keeps the handbook's rules, the train and held-out files are exactly what the build makes of
them, and every mention's offsets point at its text."""
import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TOOL = CORPUS / "tools" / "corpus.py"


def test_every_adjudicated_batch_keeps_the_handbooks_rules():
    for path in sorted((CORPUS / "final").glob("b*.jsonl")):
        run = subprocess.run([sys.executable, str(TOOL), "check", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout[-2000:]


def test_train_and_heldout_are_the_build_of_the_final_batches(tmp_path):
    subprocess.run([sys.executable, str(TOOL), "build", "--out", str(tmp_path)], check=True, capture_output=True)
    for name in ("train.jsonl", "heldout.jsonl"):
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), f"corpus/{name} is stale: rebuild it"


def test_mentions_and_triggers_point_at_their_text():
    n = 0
    for name in ("train.jsonl", "heldout.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for m in rec["mentions"] + rec["triggers"]:
                assert rec["text"][m["start"]:m["end"]] == m["text"]
                n += 1
    assert n > 30_000
