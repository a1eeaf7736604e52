"""korex on Dask: a bag of texts or records, or a dataframe's text column, extracted on every
worker of a cluster.

    import dask.bag as db
    import korex, korex.dask

    bag = db.read_text("archive/*.jsonl").map(json.loads)
    documents = korex.dask.extract_bag(bag)               # a bag of korex.schema.Document
    documents.map(lambda d: d.model_dump_json()).to_textfiles("out/*.jsonl")

    frame = dd.read_parquet("articles.parquet")
    frame = korex.dask.extract_frame(frame, text="body")  # adds a "korex" column of JSON

Each worker process loads the pipeline once (:func:`korex.parallel.process_extractor`) and
keeps it for every partition it is given; what travels to the workers is an unloaded
:class:`~korex.pipeline.Extractor` (settings only: it pickles without spaCy or Kiwi). Order
within and across partitions is the input's, and each document is the one a local
``extractor(text, ...)`` returns.

Dask is an optional dependency: ``pip install "korex[dask]"``.
"""
from __future__ import annotations

from typing import Optional

from korex.parallel import ERRORS, extract_pandas, extract_partition
from korex.pipeline import Extractor

def extract_bag(bag, extractor: Optional[Extractor] = None, *, batch_size: int = 32, errors: str = "raise"):
    """A bag of :class:`korex.schema.Document`, one per text or record of ``bag`` (records are
    mappings with ``text`` and optionally ``id``, ``reference_date`` and other fields, as
    :meth:`Extractor.pipe` takes them). ``errors="record"`` puts ``{"id", "error"}`` in place of
    an input that fails instead of failing the partition."""
    _check_errors(errors)
    extractor = extractor or Extractor()
    return bag.map_partitions(extract_partition, _unloaded(extractor), batch_size, errors)


def extract_frame(frame, extractor: Optional[Extractor] = None, *, text: str = "text", id: Optional[str] = None,
                  reference_date: Optional[str] = None, column: str = "korex", batch_size: int = 32,
                  errors: str = "raise"):
    """``frame`` (a dask or pandas DataFrame) with a new string column ``column`` holding
    each row's document as JSON. ``text``, ``id`` and ``reference_date`` name the columns to
    read (the last two optional). With ``errors="record"`` a failing row's column holds
    ``{"id", "error"}`` as JSON."""
    _check_errors(errors)
    args = (_unloaded(extractor or Extractor()), text, id, reference_date, column, batch_size, errors)
    if hasattr(frame, "map_partitions"):
        meta = frame._meta.assign(**{column: frame._meta[text].astype(object)})
        return frame.map_partitions(extract_pandas, *args, meta=meta)
    return extract_pandas(frame, *args)


def _check_errors(errors: str) -> None:
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}, got {errors!r}")


def _unloaded(extractor: Extractor) -> Extractor:
    # settings only: a worker builds (once) its own pipeline from them
    return extractor.unloaded()
