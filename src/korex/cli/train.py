"""``korex train ner``: train the KLUE-label NER pipeline."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from korex.cli.main import JsonOption, SeedOption, train_app


@train_app.command("ner")
def train_ner_cli(
    train: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="KLUE-NER training data (.jsonl or .tsv).")],
    output: Annotated[Path, typer.Option(file_okay=False, help="Directory to save the trained pipeline in (replaced).")],
    config: Annotated[Optional[Path], typer.Option(
        exists=True, dir_okay=False, help="spaCy training config; default: korex's bundled one.")] = None,
    heldout: Annotated[int, typer.Option(min=0, help="Training sentences held out for early stopping and scores.")] = 2000,
    seed: SeedOption = 0,
    max_minutes: Annotated[Optional[float], typer.Option(min=0, help="Stop training after this long.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Train the NER model on KLUE-NER and save it to OUTPUT, then report held-out scores."""
    from korex.training.ner import train_ner  # here: training loads spaCy's trainer; --help need not

    result = train_ner(train, output, config=config, heldout=heldout, seed=seed, max_minutes=max_minutes)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, default=str))
        return
    if result.get("heldout"):
        from korex.evaluation.ner import format_report  # here: as the trainer above

        typer.echo(format_report(result["heldout"], title="held-out"))
    typer.echo(f"saved to {output} ({result.get('wall_minutes', '?')} min)")


@train_app.command("re")
def train_re_cli(
    train: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="KLUE-RE training data (.jsonl).")],
    output: Annotated[Path, typer.Option(file_okay=False, help="Directory to save the classifier in (replaced).")],
    heldout: Annotated[float, typer.Option(
        min=0.01, max=0.5, help="Fraction of the training texts held out to choose settings and threshold.")] = 0.1,
    seed: SeedOption = 0,
    dev: Annotated[Optional[Path], typer.Option(
        exists=True, dir_okay=False, help="KLUE-RE dev file to score the saved model on (report only).")] = None,
    max_minutes: Annotated[float, typer.Option(min=0, help="Stop trying settings after this long.")] = 15.0,
    as_json: JsonOption = False,
) -> None:
    """Train the employment classifier (person, organisation -> works there?) on KLUE-RE and save it to OUTPUT."""
    from korex.training.relations import describe, train_employment  # here: loads spaCy; --help need not

    result = train_employment(train, output, seed=seed, heldout=heldout, dev=dev, max_minutes=max_minutes)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, default=str))
        return
    typer.echo(describe(result))
    typer.echo(f"saved to {output}")
