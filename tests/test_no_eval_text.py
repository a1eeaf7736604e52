"""No sentence of an evaluation set is written into the code, its word lists or its tests.

The news dev passages, KLUE-RE dev and KLUE-NER dev measure korex; an example copied from
them into a test or a rule would make the measurement flatter korex. Any run of WINDOW
characters (with Hangul in it) that a file of the project shares with those sets fails here;
examples are written with invented names instead. Skips without ../shared.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
EVAL_SETS = [DATA / "news" / "dev.jsonl", DATA / "klue" / "re-dev.jsonl", DATA / "klue" / "ner-dev.jsonl"]
# Long enough that shared stock phrases (…했다고 밝혔다) do not count; a copied clause does.
WINDOW = 20
HANGUL = re.compile("[가-힣]")


def _project_windows() -> dict[str, str]:
    files = [p for p in (ROOT / "src" / "korex").rglob("*") if p.suffix in (".py", ".json", ".jsonl", ".txt", ".md")]
    files += [p for p in (ROOT / "tests").rglob("*") if p.suffix in (".py", ".json", ".jsonl", ".tsv", ".txt")]
    files.append(ROOT / "README.md")
    windows: dict[str, str] = {}
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if len(HANGUL.findall(line)) < 3:
                continue
            for i in range(len(line) - WINDOW + 1):
                chunk = line[i:i + WINDOW]
                if len(HANGUL.findall(chunk)) >= 3:
                    windows.setdefault(chunk, f"{path.relative_to(ROOT)}:{n}")
    return windows


@pytest.mark.skipif(not all(p.exists() for p in EVAL_SETS), reason="../shared/data is absent")
def test_no_evaluation_text_is_quoted_in_the_project():
    windows = _project_windows()
    shared = {}
    for path in EVAL_SETS:
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text", "") if line.strip() else ""
                for i in range(len(text) - WINDOW + 1):
                    chunk = text[i:i + WINDOW]
                    if chunk in windows:
                        shared[windows[chunk]] = (path.name, chunk)
    assert not shared, "evaluation text quoted: " + "; ".join(f"{where} {name} {chunk!r}"
                                                              for where, (name, chunk) in sorted(shared.items()))
