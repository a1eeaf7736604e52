"""The korex command line, used the way a user would: files, directories and stdin in, JSON out,
and every failure reported with its file and line while the other inputs still come out.

The assertions are on structure (shapes, ids, meta, exit codes, messages), not on which
entities are found: that is the pipeline's business and has its own tests.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import korex
from korex.cli import app
from korex.inputs import InputError, InputRecord, read_inputs
from korex.io import open_writer
from korex.schema import Document

TEXT = "한빛전자는 23일 미래화학과 배터리 공동개발 양해각서를 체결했다고 밝혔다."
TEXT2 = "김철수 한빛전자 사장은 내년 초 대한물산을 인수할 계획이라고 말했다."


class StubExtractor:
    """A stand-in for tests of failure handling: an empty document per text, and an exception
    for a text that asks for one (never used where the real pipeline is what is tested)."""

    nlp = None

    def __call__(self, text, *, reference_date=None, id=None, meta=None):
        if "BOOM" in text:
            raise RuntimeError("boom")
        return Document(id=id, reference_date=reference_date, meta=meta)

    def extract_batch(self, records):
        out = []
        for r in records:
            r = dict(r)
            try:
                out.append(self(r.pop("text"), reference_date=r.pop("reference_date", None), id=r.pop("id", None),
                                meta=r or None))
            except Exception as e:
                out.append(e)
        return out


@pytest.fixture(scope="session")
def extractor():
    """korex's rules-only pipeline, loaded once for the session; a pipeline that does not load
    fails the tests that use it."""
    return korex.load("rules")


@pytest.fixture
def korex_cli(extractor, monkeypatch):
    """Runs ``korex ARGS...`` in-process on the session's extractor; returns click's Result."""
    monkeypatch.setattr(korex, "load", lambda model=None, **options: extractor)
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


def write_jsonl(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False))
            f.write("\n")
    return path


def assert_document(doc: dict) -> None:
    assert Document.model_validate(doc)
    assert set(doc) >= {"id", "reference_date", "entities", "relations", "deals"}


# --- inputs ---------------------------------------------------------------------------------


def test_text_file_gives_one_document_object(korex_cli, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = korex_cli("extract", path, "--reference-date", "2014-09-23", "--model", "rules")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert_document(doc)
    assert doc["id"] == str(path)
    assert doc["reference_date"] == "2014-09-23"
    for entity in doc["entities"]:
        for m in entity["mentions"]:
            assert TEXT[m["start"]:m["end"]] == m["text"]


def test_jsonl_file_carries_ids_and_other_fields_through(korex_cli, tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "n1", "text": TEXT, "reference_date": "2014-09-23", "source": "https://example.com/1"},
        {"id": 7, "text": TEXT2, "tags": ["M&A"]},
        {"text": TEXT},
    ])
    result = korex_cli("extract", path, "--reference-date", "2015-01-01")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [d["id"] for d in docs] == ["n1", "7", f"{path}:3"]  # no id: file and line
    assert [d["meta"] for d in docs] == [{"source": "https://example.com/1"}, {"tags": ["M&A"]}, None]
    # A record's own reference_date wins over --reference-date.
    assert [d["reference_date"] for d in docs] == ["2014-09-23", "2015-01-01", "2015-01-01"]


def test_one_line_jsonl_still_gives_an_array(korex_cli, tmp_path):
    path = write_jsonl(tmp_path / "one.jsonl", [{"id": "a", "text": TEXT}])
    docs = json.loads(korex_cli("extract", path).stdout)
    assert isinstance(docs, list) and docs[0]["id"] == "a"


def test_directory_is_read_recursively_in_sorted_order(korex_cli, tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "deep.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "first.txt").write_text(TEXT2, encoding="utf-8")
    write_jsonl(tmp_path / "a.jsonl", [{"id": "a1", "text": TEXT}, {"id": "a2", "text": TEXT2}])
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    result = korex_cli("extract", tmp_path)
    assert result.exit_code == 0, result.output
    ids = [d["id"] for d in json.loads(result.stdout)]
    assert ids == ["a1", "a2", str(tmp_path / "b" / "c" / "deep.txt"), str(tmp_path / "b" / "first.txt")]


def test_stdin_is_text_by_default(korex_cli):
    result = korex_cli("extract", "-", input=TEXT)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert_document(doc)
    assert doc["id"] == "<stdin>"


def test_stdin_as_jsonl(korex_cli):
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) for i, t in enumerate([TEXT, TEXT2]))
    result = korex_cli("extract", "-", "--input-format", "jsonl", "--format", "jsonl", input=lines)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["s0", "s1"]


def test_text_offsets_count_crlf_as_two_characters(tmp_path):
    # Read as bytes, so "\r\n" stays in the text and offsets point into the file as it is.
    path = tmp_path / "dos.txt"
    path.write_bytes("첫줄\r\n둘째줄".encode("utf-8"))
    (record,) = read_inputs([path])
    assert record.text == "첫줄\r\n둘째줄"


# --- output ---------------------------------------------------------------------------------


def test_json_and_jsonl_hold_the_same_documents(korex_cli, tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", [{"id": "기사1", "text": TEXT}, {"id": "기사2", "text": TEXT2}])
    as_json = korex_cli("extract", path, "--format", "json")
    as_jsonl = korex_cli("extract", path, "--format", "jsonl")
    assert as_json.exit_code == as_jsonl.exit_code == 0
    lines = as_jsonl.stdout.splitlines()
    assert len(lines) == 2
    assert json.loads(as_json.stdout) == [json.loads(line) for line in lines]
    assert "기사1" in as_jsonl.stdout  # Korean written as is, not as \\u escapes


def test_output_file_is_written_as_valid_json(korex_cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    result = korex_cli("extract", src, "--output", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert_document(json.loads(out.read_text(encoding="utf-8")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.json"]  # no temp file left


def test_a_crash_mid_write_leaves_no_file(tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        with open_writer(out, "jsonl") as writer:
            writer.write(Document(id="a"))
            raise RuntimeError("crash after one document")
    assert list(tmp_path.iterdir()) == []


def test_a_crash_mid_write_leaves_an_existing_file_untouched(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with open_writer(out, "json") as writer:
            writer.write(Document(id="a"))
            writer.write(Document(id="b"))
            raise RuntimeError("crash after two documents")
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert list(tmp_path.iterdir()) == [out]


def test_an_interrupted_jsonl_run_keeps_the_output_and_resumes_without_loss_or_repeat(korex_cli, tmp_path,
                                                                                     monkeypatch):
    class Interrupted(StubExtractor):
        def __call__(self, text, **kw):
            if text == TEXT2:
                raise KeyboardInterrupt  # Ctrl-C on the second document: not an input failure
            return super().__call__(text, **kw)

    monkeypatch.setattr(korex, "load", lambda model=None, **options: Interrupted())
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT2},
                                              {"id": "c", "text": TEXT}])
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    result = korex_cli("extract", src, "--format", "jsonl", "--output", out, "--batch-size", "1")
    assert result.exit_code == 130
    assert out.read_text(encoding="utf-8") == "previous run\n"
    # the document done before the interruption waits in out.jsonl.partial for --resume
    partial = tmp_path / "out.jsonl.partial"
    assert [json.loads(line)["id"] for line in partial.read_text(encoding="utf-8").splitlines()] == ["a"]
    assert "--resume" in result.stderr

    monkeypatch.setattr(korex, "load", lambda model=None, **options: StubExtractor())
    result = korex_cli("extract", src, "--format", "jsonl", "--output", out, "--resume")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a", "b", "c"]
    assert not partial.exists()


# --- failures -------------------------------------------------------------------------------


def test_missing_file_is_reported_and_the_others_still_extracted(korex_cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = korex_cli("extract", missing, good)
    assert result.exit_code == 1
    assert f"korex: {missing}: " in result.stderr
    assert [d["id"] for d in json.loads(result.stdout)] == [str(good)]


def test_a_file_no_encoding_reads_is_reported(korex_cli, tmp_path):
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(bytes(range(128, 256)) * 4)
    result = korex_cli("extract", bad, "--format", "jsonl")
    assert result.exit_code == 1
    assert f"korex: {bad}: not UTF-8" in result.stderr and "--encoding" in result.stderr
    assert result.stdout == ""


def test_bad_jsonl_lines_are_reported_and_the_other_lines_come_out(korex_cli, tmp_path):
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "ok1", "text": TEXT},
        '{"id": "broken", "text": ',
        {"id": "no-text", "body": TEXT},
        {"id": "bad-date", "text": TEXT, "reference_date": "2014-13-01"},
        "[1, 2]",
        "",
        {"id": "ok2", "text": TEXT2},
    ])
    with path.open("ab") as f:
        f.write(b'{"id": "latin1", "text": "caf\xe9"}\n')
    result = korex_cli("extract", path, "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok1", "ok2"]
    errors = result.stderr.splitlines()
    assert [e.split(": ", 2)[1] for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 8)]
    assert all(e.startswith("korex: ") for e in errors)
    assert "malformed JSON" in errors[0] and '"text"' in errors[1] and "reference_date" in errors[2]


def test_an_extraction_error_fails_only_its_document(korex_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(korex, "load", lambda model=None, **options: StubExtractor())
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": TEXT}, {"id": "b", "text": "BOOM"},
                                               {"id": "c", "text": TEXT2}])
    result = korex_cli("extract", path, "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert f"korex: {path}:2: extraction failed: RuntimeError: boom" in result.stderr


@pytest.mark.parametrize("args", [
    ["--reference-date", "2014-13-01"],
    ["--reference-date", "20140923"],
    ["--format", "xml"],
    ["--input-format", "csv"],
    ["--batch-size", "0"],
    ["--model", "/no/such/model"],
])
def test_bad_option_values_are_usage_errors(korex_cli, tmp_path, args):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = korex_cli("extract", src, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert args[0] in result.stderr


def test_no_inputs_is_a_usage_error(korex_cli):
    result = korex_cli("extract")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_reader_yields_records_and_errors_in_input_order(tmp_path):
    good = write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT}, "nope"])
    items = list(read_inputs([tmp_path / "missing.txt", good], reference_date="2014-09-23"))
    assert [type(i) for i in items] == [InputError, InputRecord, InputError]
    assert items[1].reference_date == "2014-09-23" and items[1].line == 1
    assert str(items[2]).startswith(f"{good}:2: ")


def test_worker_processes_keep_order_and_isolate_failures(tmp_path, monkeypatch):
    from korex.cli.extract import extract_items

    rows = [InputRecord("in.jsonl", n, "BOOM" if n == 3 else TEXT, id=str(n)) for n in range(1, 8)]
    out = list(extract_items(StubExtractor(), rows, batch_size=2, n_process=2))
    assert [getattr(o, "id", None) for o in out] == ["1", "2", None, "4", "5", "6", "7"]
    assert str(out[2]) == "in.jsonl:3: extraction failed: RuntimeError: boom"


# --- other commands -------------------------------------------------------------------------


def test_schema_prints_the_json_schema_of_a_document(korex_cli):
    result = korex_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object" and schema["title"] == "Document"
    assert {"id", "reference_date", "entities", "relations", "deals"} <= set(schema["properties"])
    assert schema == Document.model_json_schema()


def test_python_dash_m_korex_prints_the_version():
    result = subprocess.run([sys.executable, "-m", "korex", "--version"], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0
    assert result.stdout.strip() == f"korex {korex.__version__}"


def test_extract_with_the_rules_pipeline_itself(tmp_path, extractor):
    """No stand-in: the command loads ``--model rules`` itself."""
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(src), "--model", "rules", "-d", "2014-09-23"])
    assert result.exit_code == 0, result.output
    assert_document(json.loads(result.stdout))
