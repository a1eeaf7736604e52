"""Training korex's statistical NER on KLUE-NER.

The model must see at training time exactly the tokens it sees at run time: Kiwi morphemes
with Kiwi's POS tags. spaCy's stock corpus reader re-tokenises every text with the pipeline's
tokenizer on every epoch (2.5 ms a sentence with Kiwi), or with ``gold_preproc`` rebuilds
docs from words alone and loses the tags. So texts are analysed once into a DocBin, and the
reader registered here (``korex.TaggedDocBinCorpus.v1``) hands the stored Kiwi tokens, tags
and lemmas to the model as the predicted side of each Example.
"""
from __future__ import annotations

import json
import logging
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import registry

import korex.tokenizer  # noqa: F401  registers korex.KiwiTokenizer.v1
from korex.evaluation.ner import KlueRecord, read_klue, score_ner

log = logging.getLogger(__name__)

DEFAULT_CONFIG = Path(__file__).parents[1] / "configs" / "ner.cfg"


def blank_nlp() -> spacy.Language:
    return spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "korex.KiwiTokenizer.v1"}}})


def records_to_docs(nlp: spacy.Language, records: Iterable[KlueRecord]) -> tuple[list[Doc], dict]:
    """Kiwi-tokenised docs with the gold entities set, and alignment statistics.

    A gold span whose ends fall inside a Kiwi token (about 2% of them: ``기아차는`` as one
    token when the entity is ``기아차``) cannot be produced by a token-level tagger. Its
    tokens are marked *missing* rather than O or a stretched span: the model is then neither
    taught that the entity is not there nor taught a wrong boundary, and the span stays in the
    character-level scores as a miss.
    """
    docs: list[Doc] = []
    stats = {"records": 0, "spans": 0, "aligned": 0, "unaligned": 0, "unaligned_by_label": {}}
    for rec in records:
        doc = nlp.make_doc(rec.text)
        ents: list[Span] = []
        taken: set[int] = set()
        unaligned: list[tuple[int, int]] = []
        for start, end, label in rec.spans:
            stats["spans"] += 1
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                stats["unaligned"] += 1
                by = stats["unaligned_by_label"]
                by[label] = by.get(label, 0) + 1
                loose = doc.char_span(start, end, alignment_mode="expand")
                if loose is not None:
                    unaligned.append((loose.start, loose.end))
                continue
            stats["aligned"] += 1
            ents.append(span)
            taken.update(range(span.start, span.end))
        missing = [
            Span(doc, i, i + 1)
            for s, e in unaligned
            for i in range(s, e)
            if i not in taken
        ]
        # Two unaligned spans may share a token: keep each token once.
        missing = list({m.start: m for m in missing}.values())
        doc.set_ents(ents, missing=missing, default="outside")
        docs.append(doc)
        stats["records"] += 1
    return docs, stats


def _predicted_side(ref: Doc, vocab) -> Doc:
    return Doc(
        vocab,
        words=[t.text for t in ref],
        spaces=[bool(t.whitespace_) for t in ref],
        tags=[t.tag_ for t in ref],
        lemmas=[t.lemma_ for t in ref],
        sent_starts=[bool(t.is_sent_start) for t in ref],
    )


class TaggedDocBinCorpus:
    """Examples from a DocBin of Kiwi-tokenised gold docs, without re-tokenising.

    ``spans_key``: also give the gold entities as ``doc.spans[spans_key]``, which is where a
    span categoriser (``spancat``) reads its gold."""

    def __init__(self, path: Path, limit: int = 0, spans_key: Optional[str] = None):
        self.path = Path(path)
        self.limit = limit
        self.spans_key = spans_key

    def __call__(self, nlp: spacy.Language) -> Iterator[Example]:
        refs = DocBin().from_disk(self.path).get_docs(nlp.vocab)
        for i, ref in enumerate(refs):
            if self.limit and i >= self.limit:
                break
            if self.spans_key:
                ref.spans[self.spans_key] = list(ref.ents)
            yield Example(_predicted_side(ref, nlp.vocab), ref)


@registry.readers("korex.TaggedDocBinCorpus.v1")
def create_tagged_docbin_corpus(path: Path, limit: int = 0, spans_key: Optional[str] = None) -> TaggedDocBinCorpus:
    return TaggedDocBinCorpus(path, limit, spans_key)


def predict_spans(nlp: spacy.Language, texts: Sequence[str], batch_size: int = 256) -> list[list]:
    return [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for doc in nlp.pipe(texts, batch_size=batch_size)
    ]


CORPUS_LABELS = {"COMPANY": "OG", "ORGANIZATION": "OG", "PERSON": "PS", "DATE": "DT"}
SILVER_LABELS = ("LC", "QT", "TI", "DT")


def corpus_records(path: Path, silver: Optional[spacy.Language] = None) -> list[KlueRecord]:
    """The passages of korex's own corpus (corpus/*.jsonl) as KLUE-labelled records: every
    company, organization, person and date mention the corpus marks (OG, PS, DT). The corpus
    does not mark places, quantities and times; where ``silver`` (a trained KLUE pipeline)
    finds one that overlaps no marked mention, it is taught too, so that the model does not
    learn that places in news are nothing. Bylines and captions are unmarked in the corpus
    (its guide leaves them out of the records), and stay so."""
    out = []
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    silver_spans = predict_spans(silver, [r["text"] for r in rows]) if silver is not None else [[] for _ in rows]
    for row, predicted in zip(rows, silver_spans):
        spans = [(m["start"], m["end"], CORPUS_LABELS[m["type"]]) for m in row["mentions"]]
        taken = [(s, e) for s, e, _ in spans]
        for s, e, label in predicted:
            if label in SILVER_LABELS and not any(s < b and a < e for a, b in taken):
                spans.append((s, e, label))
                taken.append((s, e))
        out.append(KlueRecord(id=f"corpus-{row['id']}", text=row["text"], spans=sorted(spans), source="corpus"))
    return out


def split_records(train: Path, heldout: int, seed: int) -> tuple[list[KlueRecord], list[KlueRecord]]:
    """(training, held-out) records: clean ones only, shuffled with ``seed``."""
    records = [r for r in read_klue(train) if r.clean]
    # Sort first so the split depends only on the seed, not on the file's order.
    records.sort(key=lambda r: r.id)
    random.Random(seed).shuffle(records)
    return records[heldout:], records[:heldout]


def prepare(train: Path, workdir: Path, *, heldout: int = 2000, seed: int = 0,
            extra: Sequence[KlueRecord] = (),
            split: tuple[list[KlueRecord], list[KlueRecord]] | None = None) -> dict:
    """Write train.spacy and heldout.spacy under ``workdir``; return alignment stats.
    ``extra`` records (another corpus's spans in KLUE labels) join the training side;
    ``split``: the (training, held-out) records when the caller has already split ``train``."""
    workdir.mkdir(parents=True, exist_ok=True)
    rest, held = split or split_records(Path(train), heldout, seed)
    nlp = blank_nlp()
    out = {}
    for name, recs in (("train", rest + list(extra)), ("heldout", held)):
        docs, stats = records_to_docs(nlp, recs)
        DocBin(docs=docs, attrs=["ORTH", "TAG", "LEMMA", "SENT_START", "ENT_IOB", "ENT_TYPE"]).to_disk(
            workdir / f"{name}.spacy"
        )
        out[name] = stats
    return out


def train_pipeline(
    config: Path,
    train_path: Path,
    dev_path: Path,
    *,
    overrides: dict | None = None,
    max_minutes: float | None = None,
    stdout=sys.stdout,
) -> tuple[spacy.Language, dict]:
    """Train from a config with spaCy's training loop; return the best pipeline and a log.

    spaCy's ``train()`` writes model-last/model-best checkpoints as it goes; this drives the
    same ``train_while_improving`` loop but keeps the best weights in memory, so only the
    final pipeline ever reaches disk, and it can stop at a wall-clock deadline.
    """
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import create_evaluation_callback, create_train_batches, train_while_improving
    from spacy.schemas import ConfigSchemaTraining
    from spacy.util import load_config, resolve_dot_names
    from thinc.api import fix_random_seed

    all_overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    all_overrides.update(overrides or {})
    cfg = load_config(config, overrides=all_overrides, interpolate=False)
    nlp = init_nlp(cfg)
    config_i = nlp.config.interpolate()
    if config_i["training"]["seed"] is not None:
        fix_random_seed(config_i["training"]["seed"])
    T = registry.resolve(config_i["training"], schema=ConfigSchemaTraining)
    train_corpus, dev_corpus = resolve_dot_names(config_i, [T["train_corpus"], T["dev_corpus"]])
    optimizer = T["optimizer"]
    evaluate = create_evaluation_callback(nlp, dev_corpus, T["score_weights"])
    steps = train_while_improving(
        nlp,
        optimizer,
        create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"]),
        evaluate,
        dropout=T["dropout"],
        accumulate_gradient=T["accumulate_gradient"],
        patience=T["patience"],
        max_steps=T["max_steps"],
        eval_frequency=T["eval_frequency"],
        exclude=T["frozen_components"],
        annotating_components=T["annotating_components"],
        before_update=T["before_update"],
    )
    t0 = time.time()
    deadline = t0 + max_minutes * 60 if max_minutes else None
    best_bytes, best_score, history = None, -1.0, []
    stop = "patience or max_steps"
    for _batch, info, is_best in steps:
        if is_best is not None:  # an evaluation step
            ents = info["other_scores"].get("ents_f", 0.0)
            row = {
                "step": info["step"],
                "epoch": info["epoch"],
                "ents_f": float(ents),
                "loss": round(float(sum(info["losses"].values())), 2),
                "minutes": round((time.time() - t0) / 60, 2),
            }
            history.append(row)
            print(json.dumps(row), file=stdout, flush=True)
            if is_best:
                with nlp.use_params(optimizer.averages):
                    best_bytes = nlp.to_bytes()
                best_score = info["score"]
        if deadline and time.time() > deadline:
            stop = "time limit"
            # The steps since the last evaluation would otherwise be thrown away.
            with nlp.use_params(optimizer.averages):
                score, _ = evaluate()
                if score > best_score:
                    best_bytes, best_score = nlp.to_bytes(), score
            history.append({"step": "final", "score": float(score), "minutes": round((time.time() - t0) / 60, 2)})
            break
    if best_bytes is not None:
        nlp.from_bytes(best_bytes)
    return nlp, {
        "best_score": best_score,
        "history": history,
        "stopped_by": stop,
        "train_minutes": round((time.time() - t0) / 60, 2),
    }


def clear_pipeline_dir(path: Path) -> None:
    """Remove a previous pipeline at ``path`` but keep the hand-written model card."""
    if not path.exists():
        return
    for child in path.iterdir():
        if child.name == "README.md":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def train_ner(
    train: Path,
    output: Path,
    *,
    config: Path | None = None,
    heldout: int = 2000,
    seed: int = 0,
    max_minutes: float | None = None,
    extra: Sequence[KlueRecord] = (),
    extra_heldout: Sequence[KlueRecord] = (),
) -> dict:
    """Train the KLUE-label NER pipeline and save it to ``output``.

    ``heldout`` clean training sentences (chosen by ``seed``) are kept out for early stopping
    and for the returned scores; KLUE's dev split is never looked at here. Returns the
    held-out scores (see :func:`korex.evaluation.ner.score_ner`) plus alignment statistics
    and the training log. ``max_minutes`` caps the training loop only (converting ~21k
    sentences with Kiwi adds about a minute before it); at the cap the current weights are
    evaluated once more and the best checkpoint so far is kept. ``extra``: records of
    another corpus in KLUE labels, added to the training side; ``extra_heldout``: that
    corpus's held-out records, added to the held-out side (checkpoints are chosen on both).
    """
    t0 = time.time()
    train, output = Path(train), Path(output)
    config = Path(config) if config else DEFAULT_CONFIG
    overrides: dict = {"training.seed": seed}
    rest, held = split_records(train, heldout, seed)
    with tempfile.TemporaryDirectory(prefix="korex-ner-") as tmp:
        tmp = Path(tmp)
        align = prepare(train, tmp, extra=extra, split=(rest, held + list(extra_heldout)))
        nlp, run = train_pipeline(
            config,
            tmp / "train.spacy",
            tmp / "heldout.spacy",
            overrides=overrides,
            max_minutes=max_minutes,
        )
    scores = score_ner(held, predict_spans(nlp, [r.text for r in held]))
    if extra_heldout:
        scores["extra_heldout"] = score_ner(list(extra_heldout), predict_spans(nlp, [r.text for r in extra_heldout]))
    nlp.meta.update(
        {
            "name": "news_ner",
            "license": "CC BY-SA 4.0",
            "sources": [{"name": "KLUE-NER v1.1", "url": "https://klue-benchmark.com", "license": "CC BY-SA 4.0"}]
            + ([{"name": "korex deal corpus (corpus/, written for korex)", "license": "CC0-1.0"}] if extra else []),
        }
    )
    nlp.meta["performance"] = {
        "heldout_ents_micro_f": scores["micro_f"],
        "heldout_ents_macro_f": scores["macro_f"],
        "heldout_char_macro_f": scores["char_macro_f"],
    }
    clear_pipeline_dir(output)
    nlp.to_disk(output)
    return {
        "heldout": scores,
        "alignment": align,
        "training": run,
        "wall_minutes": round((time.time() - t0) / 60, 2),
    }
