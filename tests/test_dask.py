"""korex on a Dask cluster: two worker processes give the records a local run gives, in the
input's order, with the pipeline loaded once per worker."""
import json
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import korex  # noqa: E402
import korex.dask  # noqa: E402
from korex.io import dump_document  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

RECORDS = [
    {"id": "a", "text": "한빛전자는 12일 가온소재를 인수했다고 밝혔다.", "reference_date": "2024-03-12"},
    {"id": "b", "text": "누리바이오 김민수 대표는 미래제약과 기술이전 계약을 맺었다고 말했다."},
    {"id": "c", "text": "서울시는 내년 상반기 청년 창업 지원 예산을 늘리기로 했다.", "reference_date": "2025-11-02"},
    {"id": "d", "text": "아무 회사도 나오지 않는 문장이다."},
    {"id": "e", "text": "동해해운은 지난달 말 부산항만공사와 양해각서를 체결했다.", "reference_date": "2023-07-05"},
]


def seed_records():
    return [json.loads(line) for line in (SEEDS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()] if (SEEDS / "articles.jsonl").exists() else []


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def local():
    return korex.load()


def test_a_bag_of_records_gives_the_local_documents_in_order(client, local):
    records = RECORDS * 3 + seed_records()
    bag = db.from_sequence(records, npartitions=4)
    documents = korex.dask.extract_bag(bag).compute()
    assert [d.id for d in documents] == [r["id"] for r in records]
    assert documents == list(local.pipe(records))


def test_each_worker_loads_the_pipeline_once(client):
    bag = db.from_sequence(RECORDS * 4, npartitions=8)
    korex.dask.extract_bag(bag).compute()

    def loaded():
        from korex.parallel import _LOADED
        return sum(1 for k in _LOADED if k != "pid")

    assert all(n <= 1 for n in client.run(loaded).values())


def test_a_dataframe_column_of_texts_becomes_a_column_of_json(client, local):
    frame = pd.DataFrame({"doc": [r["id"] for r in RECORDS], "body": [r["text"] for r in RECORDS],
                          "day": [r.get("reference_date") for r in RECORDS]})
    out = korex.dask.extract_frame(dd.from_pandas(frame, npartitions=2), text="body", id="doc",
                                   reference_date="day").compute()
    assert list(out["doc"]) == list(frame["doc"])
    expected = [dump_document(d) for d in local.pipe(RECORDS)]
    assert list(out["korex"]) == expected


def test_a_bad_record_can_be_reported_in_place(client):
    bag = db.from_sequence([RECORDS[0], {"id": "broken"}, RECORDS[1]], npartitions=1)
    out = korex.dask.extract_bag(bag, errors="record").compute()
    assert out[1]["id"] == "broken" and "no 'text' field" in out[1]["error"]
    assert out[0].id == "a" and out[2].id == "b"
    with pytest.raises(ValueError, match="no 'text' field"):
        korex.dask.extract_bag(bag).compute()
