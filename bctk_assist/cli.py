"""The `bctk` command: a thin face over the core (see DESIGN.md, command-line contract)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from bctk_assist.settings import APP_FILE, Settings, get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="bctk-assist: trợ lý soạn báo cáo tổng kết Chỉ thị 20-CT/TW.")

HomeOpt = Annotated[Optional[Path], typer.Option("--home", help="Thư mục dữ liệu (mặc định BCTK_HOME hoặc ./bctk-data).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="In một tài liệu JSON ra stdout.")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _fail(message: str, as_json: bool = False, code: int = 1):
    """Stop with one Vietnamese line on stderr; with --json, also {"error": message} on stdout."""
    _err(message)
    if as_json:
        _print_json({"error": message})
    raise typer.Exit(code)


def open_kb(home: Path | None, quiet: bool = False, *, check_model: bool = True):
    """Open the workspace's knowledge base, indexing the bundled corpus on first use and embedding it
    again when its vectors were made with another embedding model (`quiet`: the --json form)."""
    from bctk_assist.index import KnowledgeBase

    settings: Settings = get_settings(home=home)
    kb = KnowledgeBase(settings)
    if not kb.get_meta("seeded"):
        if not quiet:
            _err("Lần đầu sử dụng: đang lập chỉ mục bộ tài liệu kèm theo…")
        for result in kb.ensure_seeded(progress=None if quiet else _seed_progress):
            if not result.ok:
                _err(f"  Lỗi: {result.error}")
    else:
        kb.ensure_seeded()  # brings older workspaces up to date (the sample report's own kind)
    if check_model:
        _ensure_model(kb, quiet)
    return kb


def _ensure_model(kb, quiet: bool) -> None:
    """Vectors made with another embedding model (BCTK_EMBEDDINGS changed) are embedded again now,
    with progress, before the command goes on: no command searches another model's vectors."""
    from bctk_assist.index import VectorStoreError, reindex_error

    try:
        change = kb.embeddings_change()
    except VectorStoreError:
        return  # the command itself reports the store's trouble
    if change is None:
        return
    _err(change.notice)
    try:
        result = kb.reindex(progress=None if quiet else _reindex_progress(), full=change.full)
    except Exception as exc:  # the model or the store failed: one line, the index stays as it was
        _fail(reindex_error(change.current, exc), quiet)
    _err(f"Đã nhúng lại {result.chunks} đoạn bằng mô hình nhúng '{change.current}'.")


def _reindex_progress():
    """Per-document lines on stderr, each moved on by the chunks embedded (as ingest shows them)."""
    state: dict = {"doc": None, "line": None}

    def progress(i: int, total: int, name: str, text: str, fraction: float) -> None:
        if state["doc"] != i:
            if state["line"]:
                state["line"]("", -1.0)
            state["doc"], state["line"] = i, (_chunk_progress(f"[{i + 1}/{total}] {name}") if name else None)
        if state["line"] and text:
            state["line"](text, fraction)

    return progress


def _seed_progress(done: float, total: int, name: str) -> None:
    if name and done == int(done):  # one line per file, not per batch of chunks
        _err(f"  [{done + 1}/{total}] {name}")


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục (DOCX, PDF, TXT, MD).")],
           kind: Annotated[Optional[str], typer.Option("--kind", help="guidance | outline | directive | report | other")] = None,
           replace: Annotated[bool, typer.Option("--replace", help="Thay thế tài liệu đã có cùng tên (thay vì thêm thành tài liệu riêng).")] = False,
           home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Thêm hoặc cập nhật tài liệu vào chỉ mục."""
    from bctk_assist.index import KINDS, expand_paths

    if kind is not None and kind not in KINDS:
        _err(f"Loại tài liệu '{kind}' không hợp lệ; dùng: {', '.join(KINDS)}.")
        raise typer.Exit(2)
    kb = open_kb(home, quiet=as_json)
    files = expand_paths(paths)
    if not files:
        _err("Không có tệp DOCX, PDF, TXT hoặc MD nào để đưa vào.")
        raise typer.Exit(1)
    _reconcile(kb, as_json)
    results = []
    for i, path in enumerate(files, start=1):
        progress = None if as_json else _chunk_progress(f"[{i}/{len(files)}] {path.name}")
        results.append(kb.ingest(path, kind, progress=progress, replace=replace))
        if progress:
            progress("", -1.0)  # end of this file's line
    labels = {"added": "đã thêm", "updated": "đã cập nhật", "unchanged": "không đổi", "failed": "LỖI"}
    if as_json:
        _print_json([r.to_json() for r in results])
    else:
        for r in results:
            if not r.ok:  # refusals go to stderr, so stdout lists only what was indexed
                _err(f"{labels[r.status]:>12}  {r.name}  — {r.error}")
                continue
            typer.echo(f"{labels[r.status]:>12}  {r.name}  ({r.chunks} đoạn)" + (f"  [mã {r.doc_id}]" if r.doc_id else ""))
            for w in r.warnings:
                typer.echo(f"{'':>14}cảnh báo: {w}")
    if any(not r.ok for r in results):
        _reconcile(kb, as_json)  # what a failed file may have left in the vector store
        raise typer.Exit(1)


def _reconcile(kb, quiet: bool) -> None:
    """Bring the vector store in line with the catalog (stray or missing vectors) and say so."""
    from bctk_assist.index import VectorStoreError

    try:
        message = kb.reconcile(progress=None if quiet else _chunk_progress("Đồng bộ kho vector"))
    except VectorStoreError:
        return  # the command itself reports the store's trouble
    if message:
        _err(message)


def _chunk_progress(label: str):
    """A one-line progress report on stderr, moved on by the chunks embedded (not by whole files)."""
    state = {"shown": False}

    def progress(text: str, fraction: float) -> None:
        if fraction < 0:
            if state["shown"]:
                sys.stderr.write("\n")
            return
        state["shown"] = True
        sys.stderr.write(f"\r  {label}: {text} ({fraction:.0%})\x1b[K")
        sys.stderr.flush()

    return progress


@app.command()
def docs(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Liệt kê các tài liệu đã lập chỉ mục."""
    from collections import Counter

    from bctk_assist.index import KIND_NAMES

    items = open_kb(home, quiet=as_json).docs()
    if as_json:
        _print_json([d.to_json() for d in items])
        return
    if not items:
        typer.echo("Chưa có tài liệu nào.")
    repeated = {n for n, c in Counter(d.name for d in items).items() if c > 1}
    for d in items:
        # Same-named documents are told apart by their folder, else the time they were added.
        place = f"thư mục {d.origin}" if d.origin else "tải lên"
        where = f"  ({place}, thêm {d.added[:16].replace('T', ' ')})" if d.name in repeated else ""
        typer.echo(f"{d.id}  [{KIND_NAMES.get(d.kind, d.kind)}]  {d.name}{where}  — {d.chunks} đoạn")
        for w in d.warnings:
            typer.echo(f"    cảnh báo: {w}")


@app.command()
def remove(doc_id: Annotated[str, typer.Argument(help="Mã tài liệu (xem `bctk docs`).")],
           home: HomeOpt = None) -> None:
    """Xóa một tài liệu khỏi chỉ mục."""
    if not open_kb(home).remove(doc_id):
        _err(f"Không có tài liệu mã '{doc_id}'. Xem danh sách bằng: bctk docs")
        raise typer.Exit(1)
    typer.echo(f"Đã xóa tài liệu {doc_id}.")


@app.command()
def reindex(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Nhúng lại mọi tài liệu bằng mô hình nhúng hiện tại (sau khi đổi BCTK_EMBEDDINGS)."""
    from bctk_assist.index import reindex_error

    kb = open_kb(home, quiet=as_json, check_model=False)
    try:
        result = kb.reindex(progress=None if as_json else _reindex_progress())
    except KeyboardInterrupt:  # what is done is kept (the catalog notes each document)
        _fail("Đã dừng; chạy lại «bctk reindex» để nhúng tiếp các tài liệu còn lại.", as_json, 130)
    except Exception as exc:  # the model or the store failed: the recorded model and old vectors stay
        _fail(reindex_error(kb.model_signature["model"], exc), as_json)
    if as_json:
        _print_json(result.to_json())
        return
    before = f" (trước đây: '{result.previous_model}')" if result.previous_model not in (None, result.model) else ""
    typer.echo(f"Đã nhúng lại {result.chunks} đoạn của {result.documents} tài liệu bằng mô hình nhúng "
               f"'{result.model}'{before}.")
    if result.resumed:
        typer.echo(f"{result.resumed} tài liệu đã được nhúng ở lần chạy bị dừng trước, không nhúng lại.")
    if result.removed_vectors:
        typer.echo(f"Đã xóa {result.removed_vectors} vector thừa.")


@app.command()
def search(query: Annotated[str, typer.Argument(help="Câu hỏi hoặc từ khóa.")],
           k: Annotated[int, typer.Option("-k", min=1, max=100, help="Số kết quả.")] = 5,
           kind: Annotated[Optional[str], typer.Option("--kind")] = None,
           home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Tìm trong tài liệu (kết hợp ngữ nghĩa và từ khóa)."""
    from bctk_assist.index import KINDS

    if kind is not None and kind not in KINDS:
        _err(f"Loại tài liệu '{kind}' không hợp lệ; dùng: {', '.join(KINDS)}.")
        raise typer.Exit(2)
    if not query.strip():
        _err("Câu tìm kiếm đang trống.")
        raise typer.Exit(2)
    from bctk_assist.index import VectorStoreError

    kb = open_kb(home, quiet=as_json)
    _reconcile(kb, as_json)
    try:
        hits = kb.search(query, k=k, kind=kind)
    except VectorStoreError as exc:
        _err(str(exc))
        raise typer.Exit(1)
    if as_json:
        _print_json([h.to_json() for h in hits])
        return
    if not hits:
        typer.echo("Không tìm thấy đoạn nào phù hợp.")
    for h in hits:
        typer.echo(f"[{h.rank}] {h.doc} — {h.location}  (điểm {h.score:.3f})")
        typer.echo("    " + h.text.replace("\n", "\n    "))


# ----------------------------------------------------------------------------- drafting commands

def workspace_outline(ws, settings: Settings):
    from bctk_assist.outline import workspace_outline as outline_of

    return outline_of(ws, settings)


def open_workspace(home: Path | None):
    from bctk_assist.workspace import Workspace

    return Workspace(get_settings(home=home).home)


def _section_or_exit(sections, ref: str):
    from bctk_assist.outline import find_section

    section = find_section(sections, ref)
    if section is None:
        _err(f"Không có mục '{ref}' trong đề cương. Xem danh sách mục bằng: bctk outline")
        raise typer.Exit(1)
    return section


def _chat_model(name: str | None, settings: Settings):
    """None for the offline composer; a chat model otherwise (exits with a clear message if unusable).

    The engine: --llm, else BCTK_LLM, else the one chosen on the app's Cài đặt page, else the composer."""
    from bctk_assist.services import resolved_engine

    if not name:
        settings, _ = resolved_engine(settings)
    name = name or settings.llm
    if not name or name == "composer":
        return None, "composer"
    from bctk_assist.llm import get_chat_model

    try:
        return get_chat_model(name, settings=settings, streaming=True), name
    except (ValueError, RuntimeError) as exc:
        _err(str(exc))
        raise typer.Exit(2)


LlmOpt = Annotated[Optional[str], typer.Option("--llm", help="composer (mặc định, ngoại tuyến), openai:<tên>, ollama:<tên>, llamacpp:<tệp.gguf>, fake")]


@app.command()
def outline(set_file: Annotated[Optional[Path], typer.Option("--set", help="Dùng đề cương riêng (DOCX, TXT, MD).")] = None,
            home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Xem đề cương (danh sách mục) hoặc thay bằng đề cương của đơn vị."""
    from bctk_assist import services
    from bctk_assist.outline import OutlineError
    from bctk_assist.workspace import WorkspaceError

    settings = get_settings(home=home)
    ws = open_workspace(home)
    if set_file is not None:
        try:
            _, message = services.set_outline(ws, settings, set_file, set_file.name)
        except (OutlineError, WorkspaceError) as exc:
            _err(str(exc))
            raise typer.Exit(1)
        if not as_json:
            typer.echo(message)
    try:
        sections = workspace_outline(ws, settings)
    except OutlineError as exc:
        _err(str(exc))
        raise typer.Exit(1)
    if as_json:
        _print_json([s.to_json() for s in sections])
        return
    if set_file is None:
        statuses = ws.statuses()
        for s in sections:
            state = statuses.get(s.id, "chưa soạn")
            typer.echo(f"{'  ' * (s.level - 1)}{s.id:<10} {s.label} {s.title.splitlines()[0][:90]}  [{state}]")


@app.command()
def ask(question: Annotated[str, typer.Argument(help="Ví dụ: \"Mục P1.II.2 yêu cầu gì?\"")],
        llm: LlmOpt = None, home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Hỏi một mục của đề cương yêu cầu gì (trích nguyên văn đề cương, hướng dẫn)."""
    from bctk_assist import qa

    settings = get_settings(home=home)
    kb = open_kb(home, quiet=as_json)
    model, name = _chat_model(llm, settings)
    answer = qa.ask(question, kb, workspace_outline(open_workspace(home), settings), llm=model, llm_name=name)
    if as_json:
        _print_json(answer.to_json())
        return
    typer.echo(answer.answer)
    for w in answer.warnings:
        _err(f"Lưu ý: {w}")
    for c in answer.citations:
        typer.echo(f"  [{c.n}] {c.doc} — {c.location}")


@app.command()
def notes(section_id: str, set_text: Annotated[Optional[str], typer.Option("--set", help="Nội dung ghi chú.")] = None,
          file: Annotated[Optional[Path], typer.Option("--file", help="Đọc ghi chú từ tệp văn bản.")] = None,
          home: HomeOpt = None) -> None:
    """Xem hoặc ghi các sự việc, số liệu của đơn vị cho một mục."""
    settings = get_settings(home=home)
    ws = open_workspace(home)
    section = _section_or_exit(workspace_outline(ws, settings), section_id)
    if file is not None:
        set_text = _read_text_file(file)
    if set_text is not None:
        ws.set_notes(section.id, set_text)
        typer.echo(f"Đã lưu ghi chú cho mục {section.id}.")
    else:
        typer.echo(ws.notes(section.id) or "(chưa có ghi chú)")


def _read_text_file(path: Path) -> str:
    from bctk_assist.sources import decode_text

    try:
        return decode_text(path.read_bytes())[0]
    except OSError:
        _err(f"Không đọc được tệp '{path.name}'.")
        raise typer.Exit(1)


@app.command()
def draft(section_id: str, notes_text: Annotated[Optional[str], typer.Option("--notes", help="Ghi chú (được lưu cho mục này).")] = None,
          llm: LlmOpt = None, home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Soạn bản nháp cho một mục, có trích dẫn nguồn; mỗi lần soạn là một phiên bản mới."""
    from bctk_assist import services

    settings = get_settings(home=home)
    ws = open_workspace(home)
    sections = workspace_outline(ws, settings)
    section = _section_or_exit(sections, section_id)
    if notes_text is not None:
        ws.set_notes(section.id, notes_text)
    kb = open_kb(home, quiet=as_json)
    model, name = _chat_model(llm, settings)
    on_token = None if as_json or model is None else (lambda t: typer.echo(t, nl=False, err=True))
    result, record = services.draft(ws, kb, sections, section, llm=model, llm_name=name, on_token=on_token,
                                    timeout=settings.llm_timeout)
    if as_json:
        _print_json(result.to_json(version=record.version))
        return
    if on_token:
        _err("")
    typer.echo(f"Mục {section.id} — phiên bản {record.version} (soạn bởi: {result.engine})\n")
    typer.echo(result.text)
    if result.citations:
        typer.echo("\nNguồn:")
        for c in result.citations:
            typer.echo(f"  [{c.n}] {c.doc} — {c.location}")
    for gap in result.gaps:
        typer.echo(f"Cần bổ sung: {gap}")
    for w in result.warnings:
        typer.echo(f"Lưu ý: {w}")


@app.command(context_settings={"allow_interspersed_args": True})
def facts(args: Annotated[Optional[list[str]], typer.Argument(
              help="[MỤC] để xem tư liệu của một mục; «move MÃ MỤC» hoặc «drop MÃ» để chuyển, bỏ một tư liệu.")] = None,
          unplaced: Annotated[bool, typer.Option("--unplaced", help="Chỉ tư liệu chưa xếp vào mục nào.")] = False,
          item: Annotated[Optional[int], typer.Option("--item", help="Với move: nội dung thứ mấy của mục (đếm từ 1).")] = None,
          home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Tư liệu của đơn vị và mục mà mỗi tư liệu được xếp vào; chuyển hoặc bỏ một tư liệu."""
    from bctk_assist import services

    settings = get_settings(home=home)
    ws = open_workspace(home)
    sections = workspace_outline(ws, settings)
    kb = open_kb(home, quiet=as_json)
    fmap = services.workspace_map(ws, kb, sections)
    args = list(args or [])
    try:
        if args and args[0] in ("move", "drop"):
            if (args[0] == "move" and len(args) != 3) or (args[0] == "drop" and len(args) != 2):
                _err("Cách dùng: bctk facts move MÃ_TƯ_LIỆU MỤC [--item N]  hoặc  bctk facts drop MÃ_TƯ_LIỆU")
                raise typer.Exit(2)
            index = None if item is None else item - 1  # users count items from 1
            message = (services.move_fact(ws, fmap, sections, args[1], args[2], index) if args[0] == "move"
                       else services.drop_fact(ws, fmap, args[1]))
            typer.echo(message)
            return
    except services.ChoiceError as exc:
        _err(str(exc))
        raise typer.Exit(1)
    section_id = None
    if args:
        section_id = _section_or_exit(sections, args[0]).id
    listed = services.list_facts(fmap, section_id, unplaced=unplaced)
    if as_json:
        _print_json([p.to_json() for p in listed])
        return
    if fmap.sample:
        _err("Lưu ý: đơn vị chưa có tài liệu riêng; đây là tư liệu của báo cáo MẪU (đơn vị giả định).")
    for p in listed:
        where = "chưa xếp" if p.section_id is None else p.section_id + ("" if p.item is None else f", nội dung {p.item + 1}")
        typer.echo(f"{p.fact.id}  [{where}]  {p.fact.text[:160]}")
        typer.echo(f"           {p.fact.doc} — {p.fact.location}")
    if not listed:
        typer.echo("Không có tư liệu nào.")


@app.command()
def accept(section_id: str, version: Annotated[Optional[int], typer.Option("--version", help="Phiên bản cần duyệt.")] = None,
           file: Annotated[Optional[Path], typer.Option("--file", help="Duyệt văn bản đã sửa trong tệp.")] = None,
           base: Annotated[Optional[int], typer.Option(
               "--base", help="Phiên bản mới nhất lúc bắt đầu sửa: nếu mục đã có phiên bản mới hơn, không duyệt "
                              "gì (tránh ghi đè bản người khác vừa lưu).")] = None,
           home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Duyệt một phiên bản (mặc định: bản mới nhất) hoặc văn bản đã sửa (được kiểm tra như bản soạn)."""
    from bctk_assist import services
    from bctk_assist.workspace import WorkspaceError

    settings = get_settings(home=home)
    ws = open_workspace(home)
    sections = workspace_outline(ws, settings)
    section = _section_or_exit(sections, section_id)
    text = _read_text_file(file) if file is not None else None
    if text is None and version is None and ws.latest_draft(section.id) is None:
        _err(f"Mục {section.id} chưa có bản nháp nào. Soạn trước bằng: bctk draft {section.id}")
        raise typer.Exit(1)
    try:
        record = services.accept(ws, sections, section, version=version, text=text, expect_latest=base)
    except WorkspaceError as exc:
        _err(str(exc))
        raise typer.Exit(1)
    if as_json:
        _print_json({"section_id": section.id, "version": record.version, "gaps": record.gaps,
                     "unverified_numbers": record.unverified_numbers, "warnings": record.warnings})
        return
    typer.echo(f"Đã duyệt mục {section.id}, phiên bản {record.version}.")
    for gap in record.gaps:
        typer.echo(f"Cần bổ sung: {gap}")
    for w in record.warnings:
        typer.echo(f"Lưu ý: {w}")


@app.command()
def profile(set_values: Annotated[Optional[list[str]], typer.Option("--set", help="KEY=VALUE, có thể lặp lại.")] = None,
            home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Xem hoặc đặt thông tin đơn vị dùng cho phần đầu và phần ký của báo cáo."""
    from bctk_assist.workspace import WorkspaceError

    ws = open_workspace(home)
    if set_values:
        values = {}
        for item in set_values:
            key, sep, value = item.partition("=")
            if not sep:
                _err(f"Cần dạng KEY=VALUE, nhận được '{item}'.")
                raise typer.Exit(2)
            values[key.strip()] = value.strip()
        try:
            ws.set_profile(**values)
        except WorkspaceError as exc:
            _err(str(exc))
            raise typer.Exit(2)
    data = ws.profile_dict()
    if as_json:
        _print_json(data)
        return
    for key, value in data.items():
        typer.echo(f"{key:>13}: {'; '.join(value) if isinstance(value, list) else value}")


@app.command()
def export(out: Annotated[Path, typer.Argument(help="Tệp DOCX cần tạo, ví dụ bao-cao.docx")],
           fmt: Annotated[Optional[str], typer.Option("--format", help="party (văn bản Đảng) | state (văn bản hành chính); mặc định theo hồ sơ")] = None,
           drafts: Annotated[bool, typer.Option("--drafts", help="Đưa cả bản nháp mới nhất của mục chưa duyệt (có đánh dấu).")] = False,
           citations: Annotated[str, typer.Option("--citations", help="strip (bỏ các dấu \\[n], bản sạch) | footnote (chú thích cuối trang ghi nguồn) | endnotes (giữ \\[n], danh mục «Tài liệu trích dẫn» cuối báo cáo)")] = "strip",
           force: Annotated[bool, typer.Option("--force", help="Vẫn xuất khi --format khác thể thức (issuer) trong hồ sơ.")] = False,
           home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Xuất các mục đã duyệt ra tệp Word theo thể thức văn bản Đảng hoặc Nhà nước."""
    from bctk_assist.export import CITATION_MODES, ExportError, export_report
    from bctk_assist.export.report import section_checks
    from bctk_assist.outline import OutlineError

    if fmt is not None and fmt not in ("party", "state"):
        _fail(f"Thể thức '{fmt}' không hợp lệ; dùng: party hoặc state.", as_json, 2)
    if citations not in CITATION_MODES:
        _fail(f"Giá trị --citations '{citations}' không hợp lệ; dùng: {', '.join(CITATION_MODES)}.", as_json, 2)
    if out.suffix.lower() != ".docx":
        _fail(f"Tên tệp '{out.name}' cần có đuôi .docx.", as_json, 2)
    settings = get_settings(home=home)
    ws = open_workspace(home)
    try:
        sections = workspace_outline(ws, settings)
        warnings = export_report(out, ws, sections, format=fmt, include_drafts=drafts, citations=citations,
                                 force=force)
    except (ExportError, OutlineError) as exc:
        _fail(str(exc), as_json)
    checks = section_checks(ws, sections, include_drafts=drafts)
    if as_json:
        _print_json({"path": str(out.resolve()), "format": fmt or ws.profile().issuer, "citations": citations,
                     "drafts": drafts, "sections": [c.to_json() for c in checks],
                     "missing": [c.section_id for c in checks if not c.in_report], "warnings": warnings})
        return
    for w in warnings:
        _err(f"Lưu ý: {w}")
    typer.echo(f"Đã xuất báo cáo: {out}")
    problems = [c for c in checks if c.problems]
    if problems:
        typer.echo("Cần xem lại trước khi ký:")
    for c in problems:
        typer.echo(f"  Mục {c.section_id} ({c.status_label}):")
        for line in c.problem_lines():
            typer.echo(f"    {line}")


@app.command()
def serve(port: Annotated[Optional[int], typer.Option("--port")] = None,
          home: HomeOpt = None) -> None:
    """Chạy ứng dụng web (Streamlit); dừng bằng Ctrl+C."""
    env = dict(os.environ)
    if home:
        env["BCTK_HOME"] = str(home)
    port = port or int(env.get("STREAMLIT_SERVER_PORT", "8501"))
    address = env.get("STREAMLIT_SERVER_ADDRESS", "localhost")
    if not _port_free(address, port):
        _err(f"Cổng {port} đang được dùng (có thể ứng dụng đã chạy ở http://{address}:{port}). "
             f"Chọn cổng khác: bctk serve --port {port + 1}")
        raise typer.Exit(1)
    max_mb = max(1, int(get_settings(home=home).max_file_mb))  # uploads over the core's limit never reach it
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP_FILE),
           "--server.port", str(port), "--server.address", address,
           "--browser.gatherUsageStats", "false", "--server.headless", "true",
           "--client.toolbarMode", "minimal", "--server.maxUploadSize", str(max_mb),
           "--server.fileWatcherType", "none",  # no hot reload for users; it also watched .venv
           "--logger.level", "error"]
    typer.echo("Đang khởi động ứng dụng…")
    try:  # index the bundled corpus (or embed it again for another model) now, not at the first page view
        open_kb(home)
    except typer.Exit:
        pass  # open_kb said why on stderr; the app says it again on its page
    except Exception as exc:  # the app reports it again on its page; the server still starts
        _err(f"Lưu ý: chưa lập chỉ mục được bộ tài liệu kèm theo ({exc}).")
    # Streamlit's own English banner goes to stdout: dropped; its errors (stderr) still show.
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    signal.signal(signal.SIGTERM, lambda *_: proc.terminate())  # a service manager stops the server too
    url = f"http://{address}:{port}"
    if _wait_healthy(proc, url):
        typer.echo(f"Ứng dụng đã sẵn sàng: mở {url} trong trình duyệt. Nhấn Ctrl+C để dừng.")
    try:
        code = proc.wait()
    except KeyboardInterrupt:  # Ctrl+C reached the server too: let it close, then say so
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        typer.echo("Đã dừng ứng dụng.")
        raise typer.Exit(0)
    raise typer.Exit(code)


def _port_free(address: str, port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no user
        try:
            sock.bind((address, port))
        except OSError:
            return False
    return True


def _wait_healthy(proc: subprocess.Popen, url: str, timeout: float = 120.0) -> bool:
    """Wait until the server answers its health check; False if it exited or never answered."""
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def main() -> None:
    from bctk_assist.index import EmbeddingsUnavailable, VectorStoreError

    try:
        app()
    except KeyboardInterrupt:
        _err("Đã dừng.")
        sys.exit(130)
    except (VectorStoreError, EmbeddingsUnavailable) as exc:  # a Chroma server down, a model missing: one line
        _err(str(exc))
        sys.exit(1)


if __name__ == "__main__":
    main()
