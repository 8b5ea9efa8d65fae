"""Hostile and unlucky inputs, second round (issue 11): one test or more per item, each with the kind of
input that broke it, asserting what the user sees."""
from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bctk_assist import index as index_module
from bctk_assist.cli import app
from bctk_assist.drafting import draft_section, revise_section
from bctk_assist.embeddings import FakeEmbeddings
from bctk_assist.index import KnowledgeBase
from bctk_assist.llm import LLMError, check_connection, get_chat_model, stream_text
from bctk_assist.outline import default_outline, find_section
from bctk_assist.settings import APP_FILE, Settings
from bctk_assist.sources import SourceError, read_file
from bctk_assist.ui.harness import free_port
from conftest import DATA, PROJECT_DIR
from fake_openai import fake_openai

runner = CliRunner()
SAME = DATA / "same_name"
LEGACY = DATA / "legacy"
KEY = "sk-bi-mat-cua-truong-9f8e7d6c1234"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BCTK_EMBEDDINGS", "fake")
    for var in ("BCTK_LLM", "BCTK_LLM_BASE_URL", "BCTK_LLM_API_KEY", "BCTK_LLM_TIMEOUT", "BCTK_CHROMA_URL", "BCTK_HOME"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "ws"


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def docs_json(home) -> list[dict]:
    return json.loads(cli("docs", "--home", home, "--json").stdout)


# --- 1. same-named files are distinct documents ------------------------------------------------

def test_same_named_files_in_two_folders_are_two_documents(home):
    result = cli("ingest", SAME, "--home", home)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("đã thêm") == 2 and "cập nhật" not in result.stdout
    mine = [d for d in docs_json(home) if d["name"] == "bao-cao-tong-ket.txt"]
    assert len(mine) == 2 and len({d["id"] for d in mine}) == 2
    assert sorted(Path(d["origin"]).name for d in mine) == ["2020", "2021"]
    listing = cli("docs", "--home", home).stdout  # the plain list tells them apart by folder
    folders = [re.search(r"\(thư mục (.+?),", line) for line in listing.splitlines() if "bao-cao-tong-ket.txt" in line]
    assert sorted(Path(m.group(1)).name for m in folders if m) == ["2020", "2021"]
    for words in ("ngoại khóa an toàn giao thông", "sinh hoạt dưới cờ phòng chống đuối nước"):
        hits = json.loads(cli("search", words, "--home", home, "--json", "-k", 20).stdout)
        assert any(words.split()[0] in h["text"] for h in hits if h["doc"] == "bao-cao-tong-ket.txt")
    again = cli("ingest", SAME, "--home", home)
    assert again.stdout.count("không đổi") == 2


def test_a_same_named_file_from_elsewhere_is_added_unless_replace_is_asked(home, tmp_path):
    assert cli("ingest", SAME / "2020" / "bao-cao-tong-ket.txt", "--home", home).exit_code == 0
    other = tmp_path / "usb" / "bao-cao-tong-ket.txt"
    other.parent.mkdir()
    other.write_text("I. Kết quả\nNăm 2022 nhà trường trồng 40 cây xanh trong khuôn viên.\n", encoding="utf-8")
    added = cli("ingest", other, "--home", home)
    assert "đã thêm" in added.stdout and "--replace" in added.stdout  # says how to replace instead
    assert len([d for d in docs_json(home) if d["name"] == "bao-cao-tong-ket.txt"]) == 2
    # With two of that name, --replace cannot guess which one: it says so and changes nothing.
    third = tmp_path / "khac" / "bao-cao-tong-ket.txt"
    third.parent.mkdir()
    third.write_text("I. Kết quả\nNăm 2023 nhà trường sửa 3 phòng học.\n", encoding="utf-8")
    ambiguous = cli("ingest", third, "--replace", "--home", home)
    assert ambiguous.exit_code == 1 and "không rõ cần thay" in ambiguous.stderr
    assert len([d for d in docs_json(home) if d["name"] == "bao-cao-tong-ket.txt"]) == 2


def test_replace_is_explicit_and_keeps_the_document_id(kb, tmp_path):
    first = kb.ingest(SAME / "2020" / "bao-cao-tong-ket.txt", "report")
    newer = tmp_path / "bao-cao-tong-ket.txt"
    newer.write_text("I. Kết quả\nNăm 2022 nhà trường trồng 40 cây xanh trong khuôn viên.\n", encoding="utf-8")
    replaced = kb.ingest(newer, "report", replace=True)
    assert replaced.status == "updated" and replaced.doc_id == first.doc_id
    assert [d.name for d in kb.docs()] == ["bao-cao-tong-ket.txt"]
    texts = " ".join(c.text for c in kb.chunks())
    assert "cây xanh" in texts and "ngoại khóa" not in texts
    assert len(kb.vectors.get(include=[])["ids"]) == len(kb.chunks())  # no stray vectors of the old one


def test_the_app_keeps_same_named_uploads_apart_and_replaces_on_request(home, monkeypatch):
    from test_app import no_exceptions, page_test, texts

    monkeypatch.setenv("BCTK_HOME", str(home))
    at = page_test("documents_page").run()
    files = [("bao-cao-tong-ket.txt", (SAME / year / "bao-cao-tong-ket.txt").read_bytes(), "text/plain")
             for year in ("2020", "2021")]
    at.file_uploader(key="uploads_0").set_value(files).run()
    at.button(key="upload_go").click().run()
    no_exceptions(at)
    assert [s.value.count("đã thêm") for s in at.success] == [1, 1]
    names = [m for m in texts(at).splitlines() if m.strip() == "bao-cao-tong-ket.txt"]  # the documents list
    assert len(names) == 2 and texts(at).count("tải lên") >= 2  # each shows when it was uploaded
    newer = b"I. K\xe1\xba\xbft qu\xe1\xba\xa3\nN\xc4\x83m 2022 tr\xe1\xbb\x93ng 40 c\xc3\xa2y xanh.\n"
    at.file_uploader(key="uploads_1").set_value(("bao-cao-tong-ket.txt", newer, "text/plain")).run()
    at.checkbox(key="upload_replace").check().run()
    at.button(key="upload_go").click().run()
    no_exceptions(at)
    assert at.error and "không rõ cần thay" in at.error[0].value  # two candidates: it does not guess
    kb = KnowledgeBase(Settings(home=home, embeddings="fake"), embeddings=FakeEmbeddings())
    assert len([d for d in kb.docs() if d.name == "bao-cao-tong-ket.txt"]) == 2


# --- 4. truncated model replies ------------------------------------------------------------------

def _openai(url: str, timeout: float = 10):
    return get_chat_model("openai:fake", settings=Settings(llm_base_url=url, llm_timeout=timeout), streaming=True)


@pytest.mark.parametrize("mode", ["cut", "length"])
def test_a_cut_reply_is_an_error_with_its_partial_text(mode):
    with fake_openai(mode) as server:
        tokens: list[str] = []
        with pytest.raises(LLMError) as caught:
            stream_text(_openai(server.base_url), "Viết một đoạn.", on_token=tokens.append)
    error = caught.value
    assert error.cut and "bị cắt" in str(error) and server.base_url in str(error)
    assert error.partial == "".join(tokens) and len(error.partial) > 10
    assert "\n" not in str(error)


def test_a_complete_reply_passes():
    with fake_openai("ok") as server:
        assert stream_text(_openai(server.base_url), "Viết một đoạn.").endswith("giai đoạn.")


@pytest.mark.parametrize("mode", ["cut", "length"])
def test_a_cut_draft_is_shown_as_cut_and_the_composer_draft_is_offered(kb, mode):
    section = find_section(default_outline(kb.settings), "P1.II.2")
    with fake_openai(mode) as server:
        draft = draft_section(section, kb, llm=_openai(server.base_url), llm_name="openai:fake")
    assert draft.engine == "composer"
    assert any("bị cắt" in w and "ngoại tuyến" in w for w in draft.warnings), draft.warnings


# --- 5. one deadline for every model call --------------------------------------------------------

@pytest.mark.slow
def test_a_dripping_server_is_given_up_at_the_deadline_in_every_call(kb):
    section = find_section(default_outline(kb.settings), "P1.II.2")
    with fake_openai("drip", " ".join(["chữ"] * 60), interval=0.25) as server:
        model = _openai(server.base_url, timeout=1.5)  # as the faces build it from BCTK_LLM_TIMEOUT
        started = time.monotonic()
        draft = draft_section(section, kb, llm=model, llm_name="openai:fake")  # no timeout passed
        drafted = time.monotonic() - started
        started = time.monotonic()
        revised = revise_section(section, "Văn bản cũ của mục, giữ nguyên khi mô hình quá chậm.", "rút gọn", [],
                                 llm=model, llm_name="openai:fake")
        revised_in = time.monotonic() - started
        started = time.monotonic()
        ok, message = check_connection("openai:fake", Settings(llm_base_url=server.base_url), timeout=1)
        checked = time.monotonic() - started
    assert drafted < 4 and draft.engine == "composer" and any("quá thời gian" in w for w in draft.warnings)
    assert revised_in < 4 and revised.text.startswith("Văn bản cũ") and any("quá thời gian" in w
                                                                          for w in revised.warnings)
    assert checked < 3  # a one-token probe: the first word arrives, the check passes at once
    assert ok, message


def test_a_silent_server_is_given_up_at_the_deadline():
    with socket.socket() as silent:  # accepts connections but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1"
        started = time.monotonic()
        with pytest.raises(LLMError, match="quá thời gian"):
            stream_text(_openai(url, timeout=1), "Xin chào")  # retries included: one overall deadline
        assert time.monotonic() - started < 2.5


@pytest.mark.slow
def test_cli_ask_and_draft_keep_the_deadline(home, monkeypatch):
    cli("docs", "--home", home)  # first use: index the bundled corpus before timing
    with fake_openai("drip", " ".join(["chữ"] * 80), interval=0.25) as server:
        monkeypatch.setenv("BCTK_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("BCTK_LLM_TIMEOUT", "2")
        started = time.monotonic()
        asked = cli("ask", "Mục P1.II.2 yêu cầu gì?", "--llm", "openai:fake", "--home", home, "--json")
        asked_in = time.monotonic() - started
        started = time.monotonic()
        drafted = cli("draft", "P1.II.2", "--llm", "openai:fake", "--home", home, "--json")
        drafted_in = time.monotonic() - started
    assert asked.exit_code == 0 and asked_in < 8, asked.output
    assert drafted.exit_code == 0 and drafted_in < 8, drafted.output
    draft = json.loads(drafted.stdout)
    assert draft["engine"] == "composer" and any("quá thời gian" in w for w in draft["warnings"])


@pytest.mark.slow
def test_the_app_draft_keeps_the_deadline(home, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from bctk_assist.workspace import Workspace

    with fake_openai("drip", " ".join(["chữ"] * 80), interval=0.25) as server:
        monkeypatch.setenv("BCTK_HOME", str(home))
        monkeypatch.setenv("BCTK_LLM_TIMEOUT", "2")
        home.mkdir(parents=True)
        (home / "settings_ui.json").write_text(json.dumps({"engine": "openai:fake", "base_url": server.base_url}))
        at = AppTest.from_file(str(APP_FILE), default_timeout=60).run()
        started = time.monotonic()
        at.button(key="draft_P1.I.1").click().run()
        elapsed = time.monotonic() - started
    assert not at.exception, [e.value for e in at.exception]
    record = Workspace(home).latest_draft("P1.I.1")
    assert elapsed < 10 and record.engine == "composer"
    assert any("quá thời gian" in w for w in record.warnings)


# --- 6, 7. zip inflation and the work of reading one file, with a memory ceiling ------------------

def _peak_mb(path: Path, env: dict | None = None) -> tuple[float, str]:
    """Read one file in a fresh process: (peak resident memory in MB, the message or 'ok')."""
    # VmHWM, not ru_maxrss: Linux carries the parent's ru_maxrss over fork and exec.
    code = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from bctk_assist.settings import Settings\n"
        "from bctk_assist.sources import SourceError, read_file\n"
        "try:\n"
        "    read_file(Path(sys.argv[1]), Settings()); out = 'ok'\n"
        "except SourceError as exc:\n"
        "    out = str(exc)\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "print(int(hwm) / 1024); print(out)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})
    peak, message = done.stdout.splitlines()[:2]
    return float(peak), message


def test_a_zip_lying_about_its_size_is_refused_within_a_memory_ceiling():
    assert zipfile.ZipFile(DATA / "lying_bomb.docx").getinfo("word/document.xml").file_size == 4096
    peak, message = _peak_mb(DATA / "lying_bomb.docx")
    assert "lying_bomb.docx" in message and "zip bomb" in message
    assert peak < 150  # it inflates to 1.1 GB: 2.1 GB peak before the fix


def _big_docx(path: Path, paragraphs: int) -> None:
    """A legitimate DOCX with many plain paragraphs (a long report): a small file, a large XML."""
    body = ('<w:p><w:pPr><w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times '
            'New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">Năm học {0} '
            'nhà trường tổ chức {0} buổi tuyên truyền về quyền trẻ em, thu hút đông đảo học sinh và phụ huynh '
            'tham gia.</w:t></w:r></w:p>')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxml'
           'formats.org/wordprocessingml/2006/main"><w:body>' + "".join(body.format(i) for i in range(paragraphs))
           + "<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                    '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                    'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                    'wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        zf.writestr("word/document.xml", xml)


@pytest.mark.slow  # a subprocess
def test_a_docx_with_a_huge_text_part_is_refused_at_once_within_a_memory_ceiling(tmp_path):
    path = tmp_path / "bao-cao-rat-dai.docx"
    _big_docx(path, 130_000)  # ~43 MB of XML in a ~1 MB file: 800 MB and minutes to parse before
    started = time.monotonic()
    peak, message = _peak_mb(path)
    assert "bao-cao-rat-dai.docx" in message and "40 MB" in message and "tách" in message
    assert peak < 150 and time.monotonic() - started < 10


def test_paragraph_and_time_limits_bound_the_reading(tmp_path):
    path = tmp_path / "dai.docx"
    _big_docx(path, 300)
    assert len(read_file(path, Settings()).blocks) == 300
    with pytest.raises(SourceError, match="dai.docx.*đoạn văn"):
        read_file(path, Settings(max_paragraphs=200))
    with pytest.raises(SourceError, match="dai.docx.*quá lâu"):
        read_file(path, Settings(max_read_seconds=0))
    text = tmp_path / "dai.txt"
    text.write_text("".join(f"Dòng {i}: nhà trường tổ chức hoạt động.\n" for i in range(300)), encoding="utf-8")
    with pytest.raises(SourceError, match="dai.txt.*đoạn văn"):
        read_file(text, Settings(max_paragraphs=200))


# --- 9. size before hashing ----------------------------------------------------------------------

def test_an_oversized_file_is_refused_before_it_is_hashed(kb, tmp_path, monkeypatch):
    huge = tmp_path / "sao-luu.txt"
    with huge.open("wb") as fh:
        fh.truncate(5 * 1024 ** 3)  # 5 GB, sparse: no disk used
    hashed = []
    monkeypatch.setattr(index_module, "file_hash", lambda p: hashed.append(p) or "x")
    started = time.monotonic()
    result = kb.ingest(huge, "report")
    assert result.status == "failed" and "sao-luu.txt" in result.error and "quá lớn" in result.error
    assert hashed == [] and time.monotonic() - started < 1


# --- 10. Windows-1258 ----------------------------------------------------------------------------

def test_windows_1258_text_is_converted_found_and_reported(kb):
    doc = read_file(LEGACY / "cp1258.txt", kb.settings)
    assert doc.blocks[0].text.startswith("Báo cáo tổng kết công tác chăm sóc")
    assert any("Windows-1258" in w for w in doc.warnings)
    result = kb.ingest(LEGACY / "cp1258.txt", "report")
    assert result.ok and any("Windows-1258" in w for w in result.warnings)
    hits = kb.search_lexical("khám sức khỏe", k=3)
    assert hits and hits[0][0].doc == "cp1258.txt" and "sức khỏe đạt 100%" in hits[0][0].text


# --- 11. AES-encrypted PDFs ----------------------------------------------------------------------

def test_an_owner_password_aes_pdf_is_read_and_a_user_password_one_is_named(kb):
    doc = read_file(DATA / "aes_owner_only.pdf", kb.settings)
    assert any("150 phần quà" in b.text for b in doc.blocks)
    with pytest.raises(SourceError, match="aes_user_password.pdf.*có mật khẩu"):
        read_file(DATA / "aes_user_password.pdf", kb.settings)


# --- 12. a Chroma server that is down ------------------------------------------------------------

CHROMA = Path(sys.executable).with_name("chroma")


def start_chroma(folder: Path) -> tuple[subprocess.Popen, str]:
    """`chroma run` on a free local port (also used by test_chroma_server.py); returns it once it answers."""
    port = free_port()
    proc = subprocess.Popen([str(CHROMA), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    import urllib.request

    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            return proc, url
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("the Chroma server did not start")
            time.sleep(0.2)


@pytest.mark.slow  # a subprocess
def test_a_chroma_server_stopped_midway_gives_one_vietnamese_line(home, tmp_path, monkeypatch):
    if not CHROMA.exists():
        pytest.skip("the chroma command is not installed")
    proc, url = start_chroma(tmp_path / "server")
    try:
        monkeypatch.setenv("BCTK_CHROMA_URL", url)
        assert cli("ingest", DATA / "notes.md", "--home", home).exit_code == 0
        assert cli("search", "trẻ em", "--home", home).exit_code == 0
    finally:
        proc.kill()
        proc.wait(10)
    for args in (("search", "trẻ em"), ("ingest", DATA / "notes.txt")):
        result = cli(*args, "--home", home)
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and url in lines[0] and "máy chủ Chroma" in lines[0], result.stderr


# --- 14. markdown from untrusted text is escaped --------------------------------------------------

def _protos(node):
    """Every element proto in an AppTest tree (blocks such as popovers included)."""
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield proto
    for child in getattr(node, "children", {}).values():
        yield from _protos(child)


def test_file_names_and_server_errors_are_not_rendered_as_markdown(home, monkeypatch):
    from test_app import no_exceptions, page_test

    monkeypatch.setenv("BCTK_HOME", str(home))
    beacon = "![x](data:image;base64,AAAA) [bấm](javascript:alert(1)) **đậm**.txt"  # a name can hold no "/"
    at = page_test("documents_page").run()
    at.file_uploader(key="uploads_0").set_value((beacon, (DATA / "notes.txt").read_bytes(), "text/plain")).run()
    at.button(key="upload_go").click().run()
    no_exceptions(at)
    helps = [p.popover.help for p in _protos(at._tree)
             if p.DESCRIPTOR.name == "Block" and p.HasField("popover") and "Xóa" in p.popover.help]
    mine = [h for h in helps if "bấm" in h]
    assert len(mine) == 1 and "![x](" not in mine[0] and "](javascript" not in mine[0] and "**" not in mine[0]
    with fake_openai("warn") as server:
        at = page_test("settings_page").run()
        at.radio(key="set_provider").set_value("openai").run()
        at.text_input(key="set_url").set_value(server.base_url)
        at.text_input(key="set_model").set_value("fake")
        at.button(key="set_test").click().run()
    no_exceptions(at)
    assert at.error and "503" in at.error[0].value
    assert "](http" not in at.error[0].value and "overloaded" not in at.error[0].value


# --- 2. a stored API key never reaches the browser -------------------------------------------------

def test_a_stored_api_key_is_never_sent_to_the_page(home, monkeypatch):
    from test_app import no_exceptions, page_test, texts

    monkeypatch.setenv("BCTK_HOME", str(home))
    monkeypatch.setenv("BCTK_LLM_API_KEY", KEY)
    home.mkdir(parents=True)
    (home / "settings_ui.json").write_text(json.dumps({"engine": "openai:qwen", "base_url": "http://127.0.0.1:9/v1"}))
    at = page_test("settings_page").run()
    no_exceptions(at)
    widget_values = [str(getattr(w, "value", "")) for kind in ("text_input", "text_area", "radio", "checkbox")
                     for w in getattr(at, kind)]
    assert not any(KEY in v or KEY[:-4] in v for v in widget_values)
    assert not any(KEY[:-4] in str(p) for p in _protos(at._tree))  # nowhere in what is sent
    assert "…1234" in texts(at) and "BCTK_LLM_API_KEY" in texts(at)
    # Saving without typing a key keeps the key in use (on the server side only).
    at.checkbox(key="set_save_key").check().run()
    at.button(key="set_save").click().run()
    assert json.loads((home / "settings_ui.json").read_text())["api_key"] == KEY
    assert stat.S_IMODE((home / "settings_ui.json").stat().st_mode) == 0o600
    # A new session (another browser) sees only the mask; the environment's key is the one in use (it
    # overrides a saved one, as for the CLI), and the saved copy can still be cleared.
    at = page_test("settings_page").run()
    assert not any(KEY[:-4] in str(p) for p in _protos(at._tree))
    assert "khóa từ biến môi trường BCTK_LLM_API_KEY (…1234) · khóa đã lưu trên máy này chỉ dùng khi" in texts(at)
    at.button(key="set_clear_key").click().run()
    assert "api_key" not in json.loads((home / "settings_ui.json").read_text())
    # Without the environment's key, a saved key is the one in use.
    monkeypatch.delenv("BCTK_LLM_API_KEY")
    (home / "settings_ui.json").write_text(json.dumps({"engine": "openai:qwen", "api_key": KEY}))
    at = page_test("settings_page").run()
    assert not any(KEY[:-4] in str(p) for p in _protos(at._tree))
    assert "đã lưu khóa (…1234)" in texts(at)


# --- 3. the app listens on this machine only -----------------------------------------------------

def test_streamlit_config_binds_localhost_without_usage_stats():
    code = ("from streamlit import config\nconfig.get_config_options(force_reparse=True)\n"
            "print([config.get_option(k) for k in ('server.address', 'browser.gatherUsageStats', "
            "'client.toolbarMode')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60,
                         env={k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")})
    assert out.stdout.strip() == "['localhost', False, 'minimal']", out.stderr


def _listening(port: int) -> list[str]:
    """Local addresses listening on `port` (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hexport = local.partition(":")
            if state == "0A" and int(hexport, 16) == port:
                found.append(address)
    return found


@pytest.mark.slow  # a subprocess
def test_streamlit_run_app_listens_on_localhost_only(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env.update(BCTK_HOME=str(tmp_path / "ws"), BCTK_EMBEDDINGS="fake", STREAMLIT_SERVER_PORT=str(port))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py"], cwd=PROJECT_DIR, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # the usual way, no flags
    try:
        deadline = time.monotonic() + 60
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.3)
        addresses = _listening(port)
    finally:
        proc.terminate()
        proc.wait(10)
    assert addresses, "streamlit did not start"
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
    assert set(addresses) <= loopback, addresses


# --- 15. a private workspace ---------------------------------------------------------------------

def test_the_workspace_is_private_to_its_account(home):
    assert cli("ingest", DATA / "notes.md", "--home", home).exit_code == 0
    assert cli("notes", "P1.II.2", "--set", "Năm 2021 có 3 buổi.", "--home", home).exit_code == 0
    assert cli("docs", "--home", home).exit_code == 0  # the next command tightens files made since
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    loose = [f"{oct(stat.S_IMODE(p.stat().st_mode))} {p.relative_to(home)}" for p in home.rglob("*")
             if stat.S_IMODE(p.stat().st_mode) not in (0o600, 0o700)]
    assert loose == []
    assert {p.name for p in home.iterdir()} >= {"index.sqlite", "workspace.sqlite", "sources"}


def test_a_shared_folder_is_never_made_private(tmp_path):
    shared = tmp_path / "chung"
    shared.mkdir(mode=0o777)
    os.chmod(shared, 0o1777)  # like /tmp
    (shared / "cua-nguoi-khac.txt").write_text("x")
    KnowledgeBase(Settings(home=shared, embeddings="fake"), embeddings=FakeEmbeddings())
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "cua-nguoi-khac.txt").stat().st_mode) != 0o600


# --- 16. one Vietnamese line for model-server trouble; refusals on stderr ----------------------------

def test_a_model_server_warning_is_one_vietnamese_line_with_the_detail_kept():
    with fake_openai("warn") as server:
        with pytest.raises(LLMError) as caught:
            stream_text(_openai(server.base_url), "Xin chào")
    message = str(caught.value)
    assert "\n" not in message and "503" in message and server.base_url in message
    assert "quá tải" in message
    assert not re.search(r"https?://(?!127\.0\.0\.1)", message) and "Traceback" not in message
    assert "overloaded" in caught.value.detail  # the technical text is kept for the log


def test_ingest_refusals_go_to_stderr(home):
    result = cli("ingest", DATA / "notes.md", DATA / "scanned.pdf", "--home", home)
    assert result.exit_code == 1
    assert "notes.md" in result.stdout and "scanned.pdf" not in result.stdout
    assert "scanned.pdf" in result.stderr and "OCR" in result.stderr


# --- 13. stray and missing vectors are reconciled with the catalog ---------------------------------

def test_an_ingest_killed_halfway_and_an_emptied_store_are_reconciled(kb, monkeypatch):
    kb.ingest(DATA / "notes.md", "other")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("kill")

    monkeypatch.setattr(kb, "_commit_doc", killed)
    with pytest.raises(KeyboardInterrupt):
        kb.ingest(DATA / "sample.docx", "report")
    monkeypatch.undo()
    assert len(kb.vectors.get(include=[])["ids"]) > len(kb.chunks())  # strays after the kill
    message = kb.reconcile()
    assert "vector thừa" in message
    assert sorted(kb.vectors.get(include=[])["ids"]) == sorted(c.id for c in kb.chunks())
    # A store that lost its vectors (a Chroma server that came back empty): embedded again, and said.
    kb.vectors.delete(ids=kb.vectors.get(include=[])["ids"])
    assert kb.search_dense("trẻ em", k=3) == []
    assert "nhúng lại" in kb.reconcile()
    assert kb.search_dense("trẻ em", k=3)
    assert kb.reconcile() == ""  # in line: nothing to do


def test_vectors_of_an_ingest_in_flight_are_not_strays(kb):
    kb.ingest(DATA / "notes.md", "other")
    kb._set_pending("khac-1234@abcdef:", True)  # another process is embedding this document now
    kb.vectors._collection.upsert(ids=["khac-1234@abcdef:0"], embeddings=[kb.embeddings.embed_query("x")],
                                  documents=["x"], metadatas=[{"doc_id": "khac-1234", "kind": "report"}])
    kb.reconcile()
    assert "khac-1234@abcdef:0" in kb.vectors.get(include=[])["ids"]


def test_cli_search_says_it_repaired_the_vector_store(home):
    assert cli("ingest", DATA / "notes.md", "--home", home).exit_code == 0
    kb = KnowledgeBase(Settings(home=home, embeddings="fake"), embeddings=FakeEmbeddings())
    kb.vectors.delete(ids=kb.vectors.get(include=[])["ids"][:5])
    result = cli("search", "trẻ em", "--home", home, "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)
    assert "nhúng lại 5 đoạn" in result.stderr
