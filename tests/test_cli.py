"""The `bctk` command line: JSON shapes, exit codes and messages as in DESIGN.md."""
from __future__ import annotations

import json
import re
import os
import socket
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
    assert {d["kind"] for d in docs} == {"outline", "guidance", "sample"}
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
    assert "scanned.pdf" in result.stderr and "OCR" in result.stderr  # refusals go to stderr


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


@pytest.mark.slow  # a subprocess: the installed command
def test_installed_command_prints_only_json(home):
    """The real entry point, in its own process: stdout holds one JSON document and nothing else."""
    env = dict(os.environ, BCTK_HOME=str(home), BCTK_EMBEDDINGS="fake")
    bctk = os.path.join(os.path.dirname(sys.executable), "bctk")
    out = subprocess.run([bctk, "search", "Trung thu", "--json"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert isinstance(json.loads(out.stdout), list)


# ----------------------------------------------------------------------------- drafting commands

def test_outline_json_shape(home):
    result = run("outline", "--home", home, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0] == {**rows[0], "id": "P1", "level": 1, "parent": None}
    for r in rows:
        assert set(r) == {"id", "label", "title", "level", "parent", "items"}
    assert next(r for r in rows if r["id"] == "P1.II.2")["parent"] == "P1.II"


def test_outline_set_keeps_drafts_of_surviving_sections(home, tmp_path):
    assert run("draft", "P1.II.2", "--home", home, "--json").exit_code == 0
    own = tmp_path / "de-cuong-rieng.txt"
    own.write_text("Phần thứ nhất\nKẾT QUẢ\nII. Kết quả\n2. Tuyên truyền\n- Tháng hành động\n", encoding="utf-8")
    result = run("outline", "--set", own, "--home", home, "--json")
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)] == ["P1", "P1.II", "P1.II.2"]
    accepted = run("accept", "P1.II.2", "--home", home)
    assert accepted.exit_code == 0 and "phiên bản 1" in accepted.stdout
    flat = tmp_path / "phang.txt"
    flat.write_text("Một đoạn văn không có mục nào.\n", encoding="utf-8")
    bad = run("outline", "--set", flat, "--home", home)
    assert bad.exit_code == 1 and "phang.txt" in bad.stderr


def test_draft_json_shape_versions_and_notes(home):
    first = run("draft", "P1.II.2", "--notes", "Năm 2021 tổ chức 3 buổi tuyên truyền trực tuyến.",
                "--home", home, "--json")
    assert first.exit_code == 0, first.output
    d = json.loads(first.stdout)
    assert set(d) == {"section_id", "version", "text", "citations", "gaps", "unverified_numbers", "warnings",
                      "engine", "sample_data"}
    assert d["section_id"] == "P1.II.2" and d["version"] == 1 and d["engine"] == "composer"
    assert "3 buổi tuyên truyền trực tuyến" in d["text"] and d["unverified_numbers"] == []
    for c in d["citations"]:
        assert {"n", "doc", "location", "quote"} <= set(c) and f"[{c['n']}]" in d["text"]
    assert any(c["doc"] == "bao-cao-mau-truong-tieu-hoc-hoa-an.docx" for c in d["citations"])
    notes = run("notes", "P1.II.2", "--home", home)
    assert "3 buổi tuyên truyền trực tuyến" in notes.stdout
    second = json.loads(run("draft", "P1.II.2", "--home", home, "--json").stdout)
    assert second["version"] == 2 and "3 buổi tuyên truyền trực tuyến" in second["text"]


def test_accept_versions_and_edited_file(home, tmp_path):
    run("draft", "P1.I.1", "--home", home, "--json")
    assert run("accept", "P1.I.1", "--version", 5, "--home", home).exit_code == 1
    edited = tmp_path / "sua.txt"
    edited.write_text("Văn bản đã sửa của mục này.", encoding="utf-8")
    result = run("accept", "P1.I.1", "--file", edited, "--home", home)
    assert result.exit_code == 0 and "phiên bản 2" in result.stdout
    status = run("outline", "--home", home).stdout
    assert any("P1.I.1" in line and "đã duyệt" in line for line in status.splitlines())
    missing = run("accept", "P3.1", "--home", home)
    assert missing.exit_code == 1 and "chưa có bản nháp" in missing.stderr


def test_unknown_section_is_a_clear_error(home):
    result = run("draft", "P9.Z", "--home", home)
    assert result.exit_code == 1 and "P9.Z" in result.stderr and "bctk outline" in result.stderr


def test_ask_json_shape(home):
    result = run("ask", "Mục P1.II.2 yêu cầu gì?", "--home", home, "--json")
    assert result.exit_code == 0, result.output
    a = json.loads(result.stdout)
    assert set(a) == {"answer", "citations", "engine"} and a["engine"] == "composer"
    assert a["citations"] and all(set(c) == {"n", "doc", "location", "quote"} for c in a["citations"])


def test_draft_with_fake_llm_and_unknown_llm(home):
    result = run("draft", "P1.II.2", "--llm", "fake:Nhà trường tổ chức tuyên truyền thường xuyên cho học sinh "
                 "về quyền trẻ em [1].", "--home", home, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["engine"].startswith("fake")
    bad = run("draft", "P1.II.2", "--llm", "gpt", "--home", home)
    assert bad.exit_code == 2 and "Không biết mô hình" in bad.stderr


def test_profile_set_and_json(home):
    result = run("profile", "--set", "issuer=party", "--set", "unit=Chi bộ Trường Tiểu học Hòa An",
                 "--set", "recipients=Đảng ủy xã;Lưu VP", "--home", home, "--json")
    assert result.exit_code == 0, result.output
    p = json.loads(result.stdout)
    assert p["issuer"] == "party" and p["recipients"] == ["Đảng ủy xã", "Lưu VP"]
    bad = run("profile", "--set", "color=red", "--home", home)
    assert bad.exit_code == 2 and "color" in bad.stderr
    bad_date = run("profile", "--set", "date=2022-02-30", "--home", home)
    assert bad_date.exit_code == 2


def _profile(home, issuer):
    values = {"issuer": issuer, "unit": "Chi bộ Trường Tiểu học Hòa An" if issuer == "party" else
              "Trường Tiểu học Hòa An", "parent": "Đảng bộ xã Hòa An" if issuer == "party" else
              "Phòng GD&ĐT huyện An Thành", "unit_abbr": "CB" if issuer == "party" else "THHA",
              "number": "12", "place": "Hòa An", "date": "2022-02-05",
              "signer_title": "BÍ THƯ" if issuer == "party" else "HIỆU TRƯỞNG", "signer_name": "Trần Thị Minh Thu",
              "sign_for": "CHI BỘ" if issuer == "party" else ""}
    args = [a for k, v in values.items() for a in ("--set", f"{k}={v}")]
    assert run("profile", *args, "--home", home).exit_code == 0


def _all_text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("issuer, number, header, absent", [
    ("party", "Số 12-BC/CB", "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("state", "Số: 12/BC-THHA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
])
def test_export_accepted_sections_in_the_profile_format(home, tmp_path, issuer, number, header, absent):
    import docx

    out = tmp_path / "bao-cao.docx"
    missing = run("export", out, "--home", home)
    assert missing.exit_code == 1 and "unit" in missing.stderr and not out.exists()
    _profile(home, issuer)
    for sid in ("P1.II.3", "P1.II.2"):
        run("draft", sid, "--home", home, "--json")
        assert run("accept", sid, "--home", home).exit_code == 0
    result = run("export", out, "--home", home)
    assert result.exit_code == 0, result.output
    assert "P1.I.1" in result.stderr  # sections left out are named
    text = _all_text(docx.Document(str(out)))
    assert number in text and header in text and absent not in text
    assert "ngày 05 tháng 02 năm 2022" in text
    assert text.index("2. Tuyên truyền") < text.index("3. Thực hiện tốt các chính sách")
    assert "Chỉ thị cố" not in text and "CHỈ THỊ CỐ" not in text  # the outline's slips stay in the source
    assert not re.search(r"\[\d+\]", text)  # a clean copy: citations stripped


def test_export_rejects_bad_options(home, tmp_path):
    assert run("export", tmp_path / "a.pdf", "--home", home).exit_code == 2
    assert run("export", tmp_path / "a.docx", "--format", "word", "--home", home).exit_code == 2


def test_accepted_edit_is_checked_like_a_draft(home, tmp_path):
    """A figure typed into an accepted text with no source is reported, in text and in JSON."""
    run("draft", "P1.II.2", "--home", home, "--json")
    edited = tmp_path / "sua.txt"
    edited.write_text("Năm 2031, nhà trường có 777 học sinh tham gia.", encoding="utf-8")
    out = run("accept", "P1.II.2", "--file", edited, "--home", home, "--json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert set(data) == {"section_id", "version", "gaps", "unverified_numbers", "warnings"}
    assert data["version"] == 2 and data["unverified_numbers"] == ["2031", "777"]
    plain = run("accept", "P1.II.2", "--file", edited, "--home", home)
    warning = [line for line in plain.output.splitlines() if line.startswith("Lưu ý")]
    assert len(warning) == 1 and warning[0].rsplit(":", 1)[1].strip() == "2031, 777."


def test_serve_on_a_busy_port_says_so_in_vietnamese_and_starts_nothing(home, monkeypatch):
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    with socket.socket() as busy:  # another server already listens there
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run("serve", "--port", port, "--home", home)
    assert result.exit_code == 1
    assert result.stdout == ""  # not even «Đang khởi động»: no server was started
    assert result.stderr.startswith(f"Cổng {port} đang được dùng") and f"--port {port + 1}" in result.stderr


def test_draft_uses_the_engine_chosen_in_the_app(home, monkeypatch):
    """The CLI reads the engine saved on the app's Cài đặt page; --llm and BCTK_LLM still override it."""
    monkeypatch.delenv("BCTK_LLM", raising=False)
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings_ui.json").write_text('{"engine": "fake", "base_url": ""}', encoding="utf-8")
    chosen = json.loads(run("draft", "P1.II.2", "--home", home, "--json").stdout)
    assert chosen["engine"] == "fake"  # the fake chat model the app's page would have saved
    forced = json.loads(run("draft", "P1.II.2", "--llm", "composer", "--home", home, "--json").stdout)
    assert forced["engine"] == "composer"
    monkeypatch.setenv("BCTK_LLM", "composer")
    assert json.loads(run("draft", "P1.II.2", "--home", home, "--json").stdout)["engine"] == "composer"
