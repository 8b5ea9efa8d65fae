"""`bctk export --json`: the file written and, per section, what is still to check in the text that
went into it (checked again at export time); errors as a JSON object with a non-zero exit."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bctk_assist.cli import app
from bctk_assist.workspace import Workspace

runner = CliRunner()
PROFILE = {"issuer": "state", "unit": "Trường Tiểu học Sông Cầu", "parent": "Phòng GD&ĐT huyện Đồng Xuân",
           "unit_abbr": "THSC", "number": "7", "place": "Sông Cầu", "date": "2022-03-10",
           "signer_title": "HIỆU TRƯỞNG", "signer_name": "Lê Văn Bình", "recipients": "Phòng GD&ĐT;Lưu: VT"}
SAMPLE_DOC = "bao-cao-mau-truong-tieu-hoc-hoa-an.docx"


def run(*args):
    return runner.invoke(app, [str(a) for a in args], env={"BCTK_EMBEDDINGS": "fake"})


def accept(ws: Workspace, sid: str, text: str, citations: list[dict], stored_unverified: list[str]) -> None:
    ws.add_draft(sid, engine="composer", text=text, citations=citations, unverified_numbers=stored_unverified)
    ws.accept(sid)


@pytest.fixture
def home(tmp_path):
    """Three sections: one accepted with a gap, one accepted citing the sample data, one only drafted.
    What was stored at acceptance is stale on purpose: the export checks the texts again."""
    home = tmp_path / "home"
    ws = Workspace(home)
    ws.set_profile(**PROFILE)
    accept(ws, "P1.II.2", "Năm 2021 tổ chức 46 buổi tuyên truyền dưới cờ [1]. Có 777 học sinh tham gia. "
           "[CẦN BỔ SUNG: số buổi năm 2022]",
           [{"n": 1, "doc": "bao-cao-2021.docx", "location": "đoạn 7",
             "quote": "Năm 2021 tổ chức 46 buổi tuyên truyền dưới cờ."}], stored_unverified=["777"])
    ws.set_notes("P1.II.2", "Có 777 học sinh tham gia các buổi tuyên truyền.")  # 777 is sourced now
    accept(ws, "P1.II.3", "Nhà trường miễn học phí cho 12 học sinh [1]. Trao 555 suất quà.",
           [{"n": 1, "doc": SAMPLE_DOC, "location": "đoạn 3", "quote": "Nhà trường miễn học phí cho 12 học sinh.",
             "kind": "sample", "fact_id": "F0001", "item": 0, "context": "", "chunk_id": "x@1:0"}],
           stored_unverified=[])  # 555 was never checked
    ws.add_draft("P1.I.1", engine="composer", text="Chi bộ quán triệt Chỉ thị cho 31 đảng viên.")
    return home


def by_id(data: dict) -> dict:
    return {s["section_id"]: s for s in data["sections"]}


def test_export_json_gives_the_file_and_each_sections_current_problems(home, tmp_path):
    out = tmp_path / "bao-cao.docx"
    result = run("export", out, "--home", home, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert out.is_file() and data["path"] == str(out.resolve()) and data["format"] == "state"
    sections = by_id(data)
    assert set(sections["P1.II.2"]) == {"section_id", "title", "status", "version", "in_report", "gaps",
                                        "unverified_numbers", "sample_citations"}
    done = sections["P1.II.2"]
    assert (done["status"], done["version"], done["in_report"]) == ("accepted", 1, True)
    assert done["title"].startswith("2. Tuyên truyền")
    assert done["gaps"] == ["số buổi năm 2022"] and done["unverified_numbers"] == [] and done["sample_citations"] == []
    sample = sections["P1.II.3"]
    assert sample["unverified_numbers"] == ["555"]
    assert sample["sample_citations"] == [{"n": 1, "doc": SAMPLE_DOC, "location": "đoạn 3"}]
    drafted = sections["P1.I.1"]
    assert (drafted["status"], drafted["version"], drafted["in_report"]) == ("not accepted", None, False)
    assert "P1.I.1" in data["missing"] and "P1.II.2" not in data["missing"] and "P1.II.3" not in data["missing"]
    assert any("DỮ LIỆU MẪU" in w and "P1.II.3" in w for w in data["warnings"])  # as the text output warns


def test_export_json_with_drafts_checks_the_drafts_that_went_in(home, tmp_path):
    result = run("export", tmp_path / "bao-cao.docx", "--drafts", "--home", home, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    drafted = by_id(data)["P1.I.1"]
    assert (drafted["status"], drafted["version"], drafted["in_report"]) == ("draft", 1, True)
    assert drafted["unverified_numbers"] == ["31"] and "P1.I.1" not in data["missing"]


def test_export_text_lists_the_same_problems_per_section(home, tmp_path):
    result = run("export", tmp_path / "bao-cao.docx", "--home", home)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Đã xuất báo cáo:")
    text = result.stdout
    assert "Mục P1.II.2 (đã duyệt, phiên bản 1)" in text and "cần bổ sung: số buổi năm 2022" in text
    assert "Mục P1.II.3" in text and "số liệu chưa kiểm chứng: 555" in text and f"DỮ LIỆU MẪU (đơn vị giả định): {SAMPLE_DOC}" in text
    assert "777" not in text and "P1.I.1" not in result.stdout  # sourced now; a section left out is a warning
    assert "P1.I.1" in result.stderr


@pytest.mark.parametrize("args, code, named", [
    ((), 1, "unit"),  # the profile lacks what the header needs
    (("--format", "word"), 2, "word"),
    (("--citations", "comments"), 2, "comments"),
])
def test_export_json_errors_are_a_json_object(tmp_path, args, code, named):
    home = tmp_path / "home"
    Workspace(home)
    out = tmp_path / "bao-cao.docx"
    result = run("export", out, *args, "--home", home, "--json")
    assert result.exit_code == code
    error = json.loads(result.stdout)
    assert list(error) == ["error"] and named in error["error"]
    assert named in result.stderr and not out.exists()


def test_export_json_error_for_a_wrong_file_name(tmp_path):
    result = run("export", tmp_path / "bao-cao.pdf", "--home", tmp_path / "home", "--json")
    assert result.exit_code == 2 and "bao-cao.pdf" in json.loads(result.stdout)["error"]
