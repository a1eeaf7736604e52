"""``python -m korex``: the korex command line."""
from korex.cli import app

if __name__ == "__main__":
    app(prog_name="korex")
