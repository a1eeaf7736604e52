"""korex on Spark: a recipe for ``DataFrame.mapInPandas``.

    import korex.spark
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    frame = spark.read.parquet("articles.parquet")            # columns: id, body, ...
    out = frame.mapInPandas(korex.spark.map_in_pandas(text="body", id="id"),
                            schema=korex.spark.output_schema(frame.schema))
    out.write.parquet("records.parquet")                      # the "korex" column: JSON

Each Python worker of an executor loads the pipeline once, on its first batch
(:func:`korex.parallel.process_extractor`), and keeps it while Spark reuses the worker
(``spark.python.worker.reuse``, on by default). What Spark ships to the executors is the
function below with an unloaded :class:`~korex.pipeline.Extractor`: settings only.

pyspark is not a dependency of korex; install it (and Java) to use this.
"""
from __future__ import annotations

from typing import Optional

from korex.parallel import ERRORS, extract_pandas
from korex.pipeline import Extractor


def map_in_pandas(extractor: Optional[Extractor] = None, *, text: str = "text", id: Optional[str] = None,
                  reference_date: Optional[str] = None, column: str = "korex", batch_size: int = 32,
                  errors: str = "raise"):
    """The function to give ``DataFrame.mapInPandas``: each pandas batch with ``column``
    added, holding each row's document as JSON (``errors="record"``: a failing row holds
    ``{"id", "error"}`` instead of failing the task)."""
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}, got {errors!r}")
    settings = (extractor or Extractor()).unloaded()

    def run(frames):
        for frame in frames:
            yield extract_pandas(frame, settings, text, id, reference_date, column, batch_size, errors)

    return run


def output_schema(schema, column: str = "korex"):
    """``schema`` (the input frame's) with the string column ``column`` added."""
    from pyspark.sql.types import StringType, StructField, StructType  # here: pyspark is optional

    return StructType(list(schema.fields) + [StructField(column, StringType(), True)])
