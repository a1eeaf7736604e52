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
    corpus: Annotated[Optional[Path], typer.Option(
        exists=True, dir_okay=False, help="korex's corpus (corpus/train.jsonl): its marked mentions join the training "
                                          "sentences.")] = None,
    corpus_heldout: Annotated[Optional[Path], typer.Option(
        exists=True, dir_okay=False, help="The corpus's held-out split (corpus/heldout.jsonl): checkpoints are chosen "
                                          "on it as well, and it is scored.")] = None,
    silver: Annotated[Optional[Path], typer.Option(
        exists=True, file_okay=False, help="A trained NER pipeline whose places, quantities and times label the "
                                           "corpus where it marks none (default: the bundled model).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Train the NER model on KLUE-NER (and korex's corpus) and save it to OUTPUT, then report held-out scores."""
    from korex.training.ner import corpus_records, train_ner  # here: training loads spaCy's trainer

    extra, extra_heldout = [], []
    if corpus or corpus_heldout:
        import spacy

        from korex.pipeline import bundled_model_path  # here: as the trainer above

        teacher = spacy.load(silver or bundled_model_path())
        extra = corpus_records(corpus, teacher) if corpus else []
        extra_heldout = corpus_records(corpus_heldout, teacher) if corpus_heldout else []
    result = train_ner(train, output, config=config, heldout=heldout, seed=seed, max_minutes=max_minutes,
                       extra=extra, extra_heldout=extra_heldout)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, default=str))
        return
    if result.get("heldout"):
        from korex.evaluation.ner import format_report  # here: as the trainer above

        typer.echo(format_report(result["heldout"], title="held-out"))
        if "extra_heldout" in result["heldout"]:
            typer.echo(format_report(result["heldout"]["extra_heldout"], title="corpus held-out"))
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


@train_app.command("deals")
def train_deals_cli(
    train: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="korex's corpus, training split "
                                                                           "(corpus/train.jsonl).")],
    output: Annotated[Path, typer.Option(file_okay=False, help="Directory to save the deal model in (replaced).")],
    seed: SeedOption = 0,
    model: Annotated[Optional[str], typer.Option(
        help="The NER pipeline korex runs with while the proposals are made (default: the bundled one).")] = None,
    max_epochs: Annotated[int, typer.Option(min=1, help="Epochs at most, per classifier.")] = 20,
    choose_on: Annotated[Optional[Path], typer.Option(
        exists=True, dir_okay=False, help="The corpus's held-out split (corpus/heldout.jsonl): the thresholds are "
                                          "chosen on it for the best DEAL F1.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Train the deal model (is it a deal, of which type; its status; who is what) on korex's corpus."""
    from korex.training.deals import train_deals  # here: training loads spaCy's trainer; --help need not

    result = train_deals(train, output, seed=seed, model=model, max_epochs=max_epochs, choose_on=choose_on,
                         log=None if as_json else lambda row: typer.echo(json.dumps(row), err=True))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=None if as_json else 1))
