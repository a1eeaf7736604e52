"""The ``korex`` typer app, its command groups, and what the commands share.

Each command lives in its own module with a thin ``<name>_cli`` function: it parses options
and reports errors, and calls a plain function that is also usable from Python.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from typing import Annotated

import korex
from korex import __version__

app = typer.Typer(
    name="korex",
    help="Companies, organizations, people, dates and deals from Korean business news, as JSON.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(help="Score korex against gold annotations.", no_args_is_help=True)
train_app = typer.Typer(help="Train korex's statistical models.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(train_app, name="train")

# Exit codes: 0 all inputs fine, 1 some failed (the rest still done), 2 a usage error.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"korex {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """korex: Korean business-news extraction."""


def report(message: str) -> None:
    """A problem on stderr as ``korex: <message>``."""
    # print() looks sys.stderr up now, so a progress bar's redirection of stderr is honoured.
    print(f"korex: {message}", file=sys.stderr, flush=True)


def check_model(value: Optional[str]) -> Optional[str]:
    """``--model``: "rules", or a path that exists; None for the bundled model."""
    from korex.pipeline import RULES_ONLY  # here: the pipeline module loads spaCy; `korex --help` need not

    if value is not None and value != RULES_ONLY and not Path(value).exists():
        raise typer.BadParameter(f'no model at {value!r} (a model directory, or "{RULES_ONLY}")')
    return value


ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", "-m", callback=check_model, metavar="PATH|rules",
                 help='A trained pipeline directory, or "rules" for the rules only. Default: the bundled model.'),
]


def check_relation_model(value: Optional[str]) -> Optional[str]:
    """``--relation-model``: "none", or a path that exists; None for the bundled classifier."""
    if value is not None and value != "none" and not Path(value).exists():
        raise typer.BadParameter(f'no classifier at {value!r} (a directory from korex train re, or "none")')
    return value


RelationModelOption = Annotated[
    Optional[str],
    typer.Option("--relation-model", callback=check_relation_model, metavar="PATH|none",
                 help='The employment classifier: a directory from `korex train re`, or "none" for the rules '
                      'alone. Default: the bundled one.'),
]


DealModelOption = Annotated[
    Optional[str],
    typer.Option("--deal-model", callback=check_relation_model, metavar="PATH|none",
                 help='The deal model: a directory from `korex train deals`, or "none" for the rules alone. '
                      'Default: the bundled one.'),
]


def load_extractor(model: Optional[str], relation_model: Optional[str] = None, deal_model: Optional[str] = None):
    """An Extractor with its pipeline loaded now, so a broken model fails once, up front."""
    options = {name: False if value == "none" else value
               for name, value in (("relation_model", relation_model), ("deal_model", deal_model)) if value is not None}
    extractor = korex.load(model, **options)
    extractor.nlp
    return extractor


def load_extractor_or_exit(model: Optional[str], relation_model: Optional[str] = None,
                           deal_model: Optional[str] = None):
    try:
        return load_extractor(model, relation_model, deal_model)
    except Exception as e:
        report(f"cannot load model {model or '(bundled)'}: {type(e).__name__}: {e}")
        raise typer.Exit(EXIT_FAILED)


# options several commands share
SeedOption = Annotated[int, typer.Option(help="Seed for the held-out split and training.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")]
