"""The corpus written for korex (corpus/) is what its records say: every adjudicated passage
keeps the handbook's rules, the build splits them into train and held-out, and every
mention's offsets point at its text."""
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


def test_the_build_splits_every_passage_and_its_mentions_point_at_their_text(tmp_path):
    run = subprocess.run([sys.executable, str(TOOL), "build", "--out", str(tmp_path)], check=True,
                         capture_output=True, text=True)
    assert "train 1248 passages, held out 312" in run.stdout
    n = 0
    for name in ("train.jsonl", "heldout.jsonl"):
        for line in (tmp_path / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for m in rec["mentions"] + rec["triggers"]:
                assert rec["text"][m["start"]:m["end"]] == m["text"]
                n += 1
    assert n > 30_000
