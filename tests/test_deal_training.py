"""Training the deal model: a small run of the committed command's code path, on passages of
the corpus written for korex, with the rules pipeline underneath (fast, and no bundled model
needed)."""
import json
import subprocess
import sys
from pathlib import Path

import korex
from korex.deal_model import DealModel
from korex.invariants import problems
from korex.training.deals import GRID, train_deals

TOOL = Path(__file__).resolve().parents[1] / "corpus" / "tools" / "corpus.py"


def head(name: str, n: int, tmp_path: Path) -> Path:
    if not (tmp_path / "built" / name).exists():
        subprocess.run([sys.executable, str(TOOL), "build", "--out", str(tmp_path / "built")], check=True,
                       capture_output=True)
    lines = (tmp_path / "built" / name).read_text(encoding="utf-8").splitlines()[:n]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_deal_model_trains_chooses_its_settings_and_runs_in_the_pipeline(tmp_path):
    train, held = head("train.jsonl", 60, tmp_path), head("heldout.jsonl", 12, tmp_path)
    result = train_deals(train, tmp_path / "deals", model="rules", max_epochs=2, choose_on=held)
    assert result["coverage"]["gold_mentions"] > 0 and result["size_bytes"] > 0
    chosen = result["chosen_on"]
    assert chosen["passages"] == 12
    assert len(chosen["tried"]) == len(GRID["with_rules"]) * len(GRID["trigger_none_below"]) * len(GRID["role_none_below"])
    assert chosen["best"]["deal_f1"] == max(t["deal_f1"] for t in chosen["tried"])

    model = DealModel.from_disk(tmp_path / "deals")
    assert model.trigger_none_below == chosen["best"]["trigger_none_below"]
    assert model.with_rules == chosen["best"]["with_rules"]

    extractor = korex.load("rules", deal_model=tmp_path / "deals")
    text = "한빛전자는 12일 가온소재를 인수했다고 밝혔다. 누리바이오는 미래제약과 기술이전 계약을 맺었다."
    doc = extractor(text, reference_date="2024-03-12")
    assert problems(doc, text) == []
    json.loads(doc.model_dump_json())
