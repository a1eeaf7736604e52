"""Where the trained models that ship with korex are found."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional


def bundled_model(name: str, env_var: Optional[str] = None, marker: str = "config.cfg") -> Optional[Path]:
    """``models/<name>`` of this checkout (or of an installed package that carries it), or
    the path in ``env_var``; None when neither exists or ``env_var`` is ``none``. A model
    directory is one that holds ``marker`` (a spaCy pipeline's config.cfg by default)."""
    env = os.environ.get(env_var) if env_var else None
    if env:
        return None if env.lower() == "none" else Path(env)
    here = Path(__file__).resolve()
    for base in (here.parent / "models", here.parents[2] / "models"):
        candidate = base / name
        if (candidate / marker).exists():
            return candidate
    return None
