"""``korex evaluate news|ner|re``: scores against gold annotations."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from korex.cli.main import (
    EXIT_FAILED,
    JsonOption,
    ModelOption,
    DealModelOption,
    RelationModelOption,
    evaluate_app,
    load_extractor_or_exit,
    report,
)

ExistingFile = dict(exists=True, dir_okay=False, readable=True)


def evaluate_ner(path: Path, extractor, *, limit: Optional[int] = None) -> dict:
    """KLUE-NER scores of ``extractor.ner_spans`` on the KLUE ``.tsv`` or ``.jsonl`` at ``path``."""
    from korex.evaluation.ner import read_klue, score_ner  # here: each command loads only what it runs

    records = read_klue(path)
    if limit:
        records = records[:limit]
    preds = list(extractor.ner_spans([r.text for r in records]))
    return score_ner(records, preds)


@evaluate_app.command("news")
def evaluate_news_cli(
    gold: Annotated[Path, typer.Argument(**ExistingFile, help="Gold news records (JSONL).")],
    pred: Annotated[Optional[Path], typer.Option(
        "--pred", **ExistingFile, help="korex documents (JSONL) to score; else run the model on the gold texts.")
    ] = None,
    model: ModelOption = None,
    relation_model: RelationModelOption = None,
    deal_model: DealModelOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score korex on gold news records the way shared/tools/score_news.py does."""
    from korex.evaluation.news import evaluate_news, format_news_report  # here: each command loads only what it runs

    extractor = None if pred else load_extractor_or_exit(model, relation_model, deal_model)
    try:
        scores = evaluate_news(gold, extractor=extractor, pred_path=pred)
    except (ValueError, KeyError) as e:
        report(f"cannot score {pred or gold}: {type(e).__name__}: {e}")
        raise typer.Exit(EXIT_FAILED)
    typer.echo(json.dumps(scores, ensure_ascii=False) if as_json else format_news_report(scores))


@evaluate_app.command("ner")
def evaluate_ner_cli(
    path: Annotated[Path, typer.Argument(**ExistingFile, help="KLUE-NER .tsv or .jsonl.")],
    model: ModelOption = None,
    relation_model: RelationModelOption = None,
    deal_model: DealModelOption = None,
    as_json: JsonOption = False,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Score only the first N sentences.")] = None,
) -> None:
    """Score korex's entity spans on KLUE-NER (entity and character F1, as KLUE does)."""
    from korex.evaluation.ner import format_report  # here: each command loads only what it runs

    extractor = load_extractor_or_exit(model, relation_model, deal_model)
    scores = evaluate_ner(path, extractor, limit=limit)
    typer.echo(json.dumps(scores, ensure_ascii=False) if as_json else format_report(scores, title=str(path)))


@evaluate_app.command("re")
def evaluate_re_cli(
    path: Annotated[Path, typer.Argument(**ExistingFile, help="KLUE-RE .jsonl (e.g. re-dev.jsonl).")],
    model: ModelOption = None,
    relation_model: RelationModelOption = None,
    deal_model: DealModelOption = None,
    as_json: JsonOption = False,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Score only the first N PER-ORG pairs.")] = None,
    n_process: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    match: Annotated[str, typer.Option(
        help='How a korex mention meets a gold span: "contain" (one inside the other) or "overlap".')
    ] = "contain",
) -> None:
    """Score korex's EMPLOYEE_OF end to end on KLUE-RE's PER-ORG pairs (precision, recall, misses by cause)."""
    from korex.evaluation.relations import MATCH_RULES, evaluate_re, format_re_report  # here: loads spaCy

    if match not in MATCH_RULES:
        raise typer.BadParameter(f"one of {', '.join(MATCH_RULES)}", param_hint="--match")
    extractor = load_extractor_or_exit(model, relation_model, deal_model)
    try:
        scores = evaluate_re(path, extractor, limit=limit, n_process=n_process, match=match)
    except (ValueError, KeyError) as e:
        report(f"cannot score {path}: {type(e).__name__}: {e}")
        raise typer.Exit(EXIT_FAILED)
    typer.echo(json.dumps(scores, ensure_ascii=False) if as_json else format_re_report(scores))
