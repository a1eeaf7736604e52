"""Real-world inputs as users have them: Korean text in older encodings, JSON arrays, upper-case
extensions, an output named like an input, a run stopped by SIGTERM, a reader that goes away."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import korex
from korex.cli import app
from korex.inputs import InputError, InputRecord, read_inputs

ARTICLE = ("[누리경제] 한빛전자는 23일 서울 본사에서 가온소재와 배터리 소재 공동개발을 위한 양해각서(MOU)를 "
           "체결했다고 밝혔다.\n홍길동 한빛전자 대표는 \"내년 상반기 양산이 목표\"라고 말했다.\n")


@pytest.fixture(scope="module")
def rules():
    return korex.load("rules")


def _cli(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr", "utf-16", "utf-8-sig"])
def test_an_article_in_an_older_encoding_gives_the_records_of_its_utf8_copy(tmp_path, encoding):
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(ARTICLE.encode("utf-8"))
    other = tmp_path / f"{encoding}.txt"
    other.write_bytes(ARTICLE.encode(encoding))
    a = _cli("extract", utf8, "--model", "rules", "-d", "2014-09-23")
    b = _cli("extract", other, "--model", "rules", "-d", "2014-09-23")
    assert a.exit_code == b.exit_code == 0, b.output
    doc_a, doc_b = json.loads(a.stdout), json.loads(b.stdout)
    doc_a.pop("id"), doc_b.pop("id")
    assert doc_a == doc_b
    if encoding != "utf-8-sig":  # a BOM is still UTF-8: nothing to report
        assert "not UTF-8" in b.stderr and "read as" in b.stderr


def test_an_encoding_can_be_forced(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("cp949"))
    [record] = read_inputs([path], encoding="cp949")
    assert record.text == ARTICLE and record.encoding == "cp949"
    [error] = read_inputs([path], encoding="utf-8")
    assert isinstance(error, InputError) and "not utf-8" in error.message


def test_a_cp949_jsonl_file_is_read_line_by_line(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": str(i), "text": ARTICLE}, ensure_ascii=False) for i in range(3)]
    path.write_bytes(("\n".join(lines) + "\n").encode("cp949"))
    records = list(read_inputs([path]))
    assert [r.id for r in records] == ["0", "1", "2"] and all(r.text == ARTICLE for r in records)


def test_upper_case_extensions_and_json_arrays_are_read(tmp_path):
    (tmp_path / "ARTICLE.TXT").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news.JSONL").write_text(json.dumps({"id": "n1", "text": ARTICLE}, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    (tmp_path / "batch.json").write_text(json.dumps([{"id": "j1", "text": ARTICLE}, {"text": ARTICLE}, {"no": 1}],
                                                    ensure_ascii=False), encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [getattr(i, "id", None) for i in items if isinstance(i, InputRecord)] == [
        str(tmp_path / "ARTICLE.TXT"), "j1", f"{tmp_path / 'batch.json'}#2", "n1"]
    [error] = [i for i in items if isinstance(i, InputError)]
    assert "record 3" in error.message and '"text"' in error.message


def test_an_output_that_names_an_input_is_refused(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = _cli("extract", src, "--model", "rules", "-o", src)
    assert result.exit_code == 2 and "--output" in result.stderr
    assert src.read_text(encoding="utf-8") == ARTICLE
    # nor a JSONL output inside an input directory, where the next run would read it back
    result = _cli("extract", tmp_path, "--model", "rules", "--format", "jsonl", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 2


def test_a_record_without_text_in_pipe_says_so(rules):
    with pytest.raises(ValueError, match="record x: no 'text' field"):
        list(rules.pipe([{"id": "x", "body": ARTICLE}]))


def _korex(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "korex", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, **kwargs)


@pytest.mark.slow
def test_sigterm_leaves_no_temporary_file_and_the_old_output(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": ARTICLE * 3}, ensure_ascii=False) + "\n"
                           for i in range(4000)), encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("old\n", encoding="utf-8")
    proc = _korex("extract", src, "--model", "rules", "-o", out)
    deadline = time.time() + 120
    while time.time() < deadline and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        time.sleep(0.2)  # until the run is writing
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert proc.returncode == 143
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.json"]
    assert out.read_text(encoding="utf-8") == "old\n"


@pytest.mark.slow
def test_a_closed_stdout_ends_the_run_quietly(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": ARTICLE}, ensure_ascii=False) + "\n"
                           for i in range(200)), encoding="utf-8")
    korex_proc = _korex("extract", src, "--model", "rules", "--format", "jsonl")
    head = subprocess.run(["head", "-n", "2"], stdin=korex_proc.stdout, capture_output=True, timeout=120)
    korex_proc.stdout.close()
    korex_proc.wait(timeout=120)
    assert len(head.stdout.splitlines()) == 2
    assert korex_proc.returncode == 0
    assert b"Error" not in korex_proc.stderr.read()
