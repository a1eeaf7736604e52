"""Static word vectors for the NER model, taken from Kiwi's own language model.

Kiwi's CoNg language model (shipped in ``kiwipiepy_model``) holds an embedding for every
morpheme of its dictionary, learnt from a large Korean corpus: ``삼성전자`` sits next to
``인텔``, ``김`` next to ``박``. kiwipiepy exposes the embeddings only through cosine
similarities (``Kiwi.morpheme_similarity``), so the vectors are recovered from those:
with a fixed set of anchor morphemes ``A`` whose Gram matrix is ``G = U Λ Uᵀ``, a
morpheme's similarities ``s`` to the anchors give its unit embedding, up to one rotation
shared by all morphemes, as ``s U Λ^-½``. A PCA over the chosen keys then keeps the
``dims`` strongest directions, which keeps the model directory small.

Nothing here is random and no text is read beyond the training texts given (for the
surfaces of merged morphemes such as ``했`` = ``하`` + ``었``), so the table is a pure
function of the Kiwi model version and the arguments.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable

import numpy

N_ANCHORS = 400
# Morphemes of Kiwi's table come roughly in order of corpus frequency (대표 360, 삼성전자 2755,
# 마이크로소프트 12017); the anchors are the first ones that have an embedding.
ANCHOR_START = 100


def _has_embedding(kiwi, idx: int) -> bool:
    # morphemes without an embedding (particles' allomorph entries, special tokens) have
    # zero similarity to everything, themselves included
    return kiwi.morpheme_similarity(idx, idx) > 0.5


def _anchors(kiwi) -> tuple[list[int], numpy.ndarray]:
    anchors: list[int] = []
    idx = ANCHOR_START
    while len(anchors) < N_ANCHORS:
        if _has_embedding(kiwi, idx):
            anchors.append(idx)
        idx += 1
    gram = numpy.array([[kiwi.morpheme_similarity(a, b) for b in anchors] for a in anchors], dtype="float64")
    w, u = numpy.linalg.eigh(gram)
    keep = w > w.max() * 1e-4
    return anchors, u[:, keep] / numpy.sqrt(w[keep])


def _merged_surfaces(tokenizer, texts: Iterable[str], min_count: int) -> dict[str, tuple[int, ...]]:
    """Surfaces that cover several morphemes (``했``), with the morphemes' Kiwi ids."""
    from korex.tokenizer import overlapping_groups

    counts: Counter = Counter()
    for text in texts:
        for group, end in overlapping_groups(tokenizer._analyse(text)):
            if len(group) > 1:
                counts[(text[group[0][0]:end], tuple(g[5] for g in group))] += 1
    best: dict[str, tuple[tuple[int, ...], int]] = {}
    for (surface, ids), n in counts.items():
        if n >= min_count and (surface not in best or n > best[surface][1]):
            best[surface] = (ids, n)
    return {s: ids for s, (ids, _) in best.items()}


def kiwi_vectors(
    texts: Iterable[str] = (),
    *,
    n_morphemes: int = 30000,
    dims: int = 128,
    min_count: int = 2,
) -> tuple[list[str], numpy.ndarray]:
    """(keys, vectors): one row per surface form, ``dims`` wide, float32.

    Keys are the forms of the first ``n_morphemes`` Kiwi morphemes that have an embedding
    (the first id wins when two morphemes share a form), plus the surfaces of merged
    morphemes seen ``min_count`` times in ``texts``, whose vector is their morphemes' mean.
    """
    from korex.tokenizer import KiwiTokenizer
    from korex.training import blank_nlp

    tokenizer = KiwiTokenizer(blank_nlp().vocab)
    kiwi = tokenizer.kiwi
    anchors, project = _anchors(kiwi)

    def embed(idx: int) -> numpy.ndarray:
        sims = numpy.array([kiwi.morpheme_similarity(idx, a) for a in anchors], dtype="float64")
        return sims @ project

    keys: list[str] = []
    rows: list[numpy.ndarray] = []
    seen: set[str] = set()
    idx = 0
    while len(keys) < n_morphemes:
        try:
            form = kiwi.morpheme(idx).form
        except Exception:  # past the end of Kiwi's table
            break
        if form and not form.isspace() and form not in seen and _has_embedding(kiwi, idx):
            seen.add(form)
            keys.append(form)
            rows.append(embed(idx))
        idx += 1
    for surface, ids in sorted(_merged_surfaces(tokenizer, texts, min_count).items()):
        if surface in seen:
            continue
        parts = [embed(i) for i in ids if _has_embedding(kiwi, i)]
        if parts:
            seen.add(surface)
            keys.append(surface)
            rows.append(numpy.mean(parts, axis=0))
    matrix = numpy.vstack(rows)
    centred = matrix - matrix.mean(axis=0)
    _, _, vt = numpy.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dims].T
    # a fixed sign per direction, so that the table does not depend on the SVD routine's
    reduced *= numpy.sign(reduced.sum(axis=0) + 1e-12)
    return keys, reduced.astype("float32")


def write_vectors_pipeline(path: Path, keys: list[str], vectors: numpy.ndarray) -> Path:
    """Save a blank korex pipeline holding only the vectors, for ``[initialize] vectors``."""
    from spacy.vectors import Vectors

    from korex.training import blank_nlp

    nlp = blank_nlp()
    nlp.vocab.vectors = Vectors(data=vectors, keys=[nlp.vocab.strings.add(k) for k in keys])
    path = Path(path)
    nlp.to_disk(path)
    return path
