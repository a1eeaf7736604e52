"""The Spark recipe of korex.spark, run on a local Spark session when pyspark and Java are
installed (neither is a korex dependency; the test is skipped otherwise)."""
import json
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark")
pd = pytest.importorskip("pandas")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

import korex  # noqa: E402
import korex.spark  # noqa: E402
from korex.io import dump_document  # noqa: E402

ROWS = [
    ("a", "한빛전자는 12일 가온소재를 인수했다고 밝혔다.", "2024-03-12"),
    ("b", "누리바이오 김민수 대표는 미래제약과 기술이전 계약을 맺었다고 말했다.", None),
    ("c", "동해해운은 지난달 말 부산항만공사와 양해각서를 체결했다.", "2023-07-05"),
]


@pytest.fixture(scope="module")
def spark():
    import os

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the executors' Python must be one with korex
    session = (SparkSession.builder.master("local[2]").appName("korex-test")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.ui.enabled", "false").getOrCreate())
    yield session
    session.stop()


def test_map_in_pandas_adds_each_rows_document(spark):
    frame = spark.createDataFrame(ROWS, schema="id string, body string, day string").repartition(2)
    out = frame.mapInPandas(korex.spark.map_in_pandas(text="body", id="id", reference_date="day"),
                            schema=korex.spark.output_schema(frame.schema))
    got = {row["id"]: row["korex"] for row in out.collect()}
    local = korex.load()
    for id_, text, day in ROWS:
        assert got[id_] == dump_document(local(text, id=id_, reference_date=day))
        assert json.loads(got[id_])["id"] == id_
