"""The corpus's train and held-out splits for the scripts here: built from corpus/final/ on
first use (they are not committed; ``python3 corpus/tools/corpus.py build`` makes them)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def splits() -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT / "corpus" / "tools"))
    try:
        import corpus  # the corpus's own tool, not part of the korex package
    finally:
        sys.path.pop(0)
    return corpus.splits()
