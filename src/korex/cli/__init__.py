"""korex's command line: ``korex extract|schema|evaluate|train``."""
from korex.cli.main import app

# Importing the command modules registers their commands on ``app``.
from korex.cli import evaluate, extract, schema, train  # noqa: E402,F401

__all__ = ["app"]
