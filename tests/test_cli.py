"""The `bctk` command line: JSON shapes, exit codes and messages as in DESIGN.md."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bctk_assist.cli import app
from conftest import DATA

runner = CliRunner()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BCTK_EMBEDDINGS", "fake")
    return tmp_path / "ws"


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result


def test_first_use_indexes_bundled_corpus_and_docs_json(home):
    result = run("docs", "--home", home, "--json")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert {d["kind"] for d in docs} == {"outline", "guidance", "report"}
    for d in docs:
        assert set(d) >= {"id", "name", "kind", "chunks", "warnings"} and d["chunks"] > 0


def test_search_json_shape(home):
    result = run("search", "Tháng hành động vì trẻ em", "-k", 3, "--home", home, "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 3 and [h["rank"] for h in hits] == [1, 2, 3]
    for h in hits:
        assert set(h) == {"rank", "score", "text", "doc", "kind", "location"}
    kind_only = json.loads(run("search", "trẻ em", "--kind", "guidance", "--home", home, "--json").stdout)
    assert kind_only and {h["kind"] for h in kind_only} == {"guidance"}


def test_ingest_reports_each_file_and_fails_on_bad_one(home):
    result = run("ingest", DATA / "sample.docx", DATA / "corrupt.docx", "--home", home, "--json")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [(r["name"], r["status"]) for r in rows] == [("sample.docx", "added"), ("corrupt.docx", "failed")]
    names = [d["name"] for d in json.loads(run("docs", "--home", home, "--json").stdout)]
    assert "sample.docx" in names and "corrupt.docx" not in names
    again = run("ingest", DATA / "sample.docx", "--home", home)
    assert again.exit_code == 0 and "không đổi" in again.stdout


def test_ingest_text_output_names_the_bad_file(home):
    result = run("ingest", DATA / "scanned.pdf", "--home", home)
    assert result.exit_code == 1
    assert "scanned.pdf" in result.stdout and "OCR" in result.stdout


def test_remove(home):
    rows = json.loads(run("ingest", DATA / "notes.md", "--kind", "other", "--home", home, "--json").stdout)
    doc_id = rows[0]["doc_id"]
    assert run("remove", doc_id, "--home", home).exit_code == 0
    assert doc_id not in [d["id"] for d in json.loads(run("docs", "--home", home, "--json").stdout)]
    missing = run("remove", doc_id, "--home", home)
    assert missing.exit_code == 1 and doc_id in missing.stderr


def test_bad_kind_is_refused(home):
    result = run("ingest", DATA / "notes.md", "--kind", "bogus", "--home", home)
    assert result.exit_code == 2 and "bogus" in result.stderr


def test_installed_command_prints_only_json(home):
    """The real entry point, in its own process: stdout holds one JSON document and nothing else."""
    env = dict(os.environ, BCTK_HOME=str(home), BCTK_EMBEDDINGS="fake")
    bctk = os.path.join(os.path.dirname(sys.executable), "bctk")
    out = subprocess.run([bctk, "search", "Trung thu", "--json"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert isinstance(json.loads(out.stdout), list)
