"""The `bctk` command: a thin face over the core (see DESIGN.md, command-line contract)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from bctk_assist.settings import REPO_DIR, Settings, get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="bctk-assist: trợ lý soạn báo cáo tổng kết Chỉ thị 20-CT/TW.")

HomeOpt = Annotated[Optional[Path], typer.Option("--home", help="Thư mục dữ liệu (mặc định BCTK_HOME hoặc ./bctk-data).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="In một tài liệu JSON ra stdout.")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def open_kb(home: Path | None, quiet: bool = False):
    """Open the workspace's knowledge base, indexing the bundled corpus on first use."""
    from bctk_assist.index import KnowledgeBase

    settings: Settings = get_settings(home=home)
    kb = KnowledgeBase(settings)
    if not kb.get_meta("seeded"):
        if not quiet:
            _err("Lần đầu sử dụng: đang lập chỉ mục bộ tài liệu kèm theo…")
        for result in kb.ensure_seeded(progress=None if quiet else _seed_progress):
            if not result.ok:
                _err(f"  Lỗi: {result.error}")
    return kb


def _seed_progress(done: int, total: int, name: str) -> None:
    if name:
        _err(f"  [{done + 1}/{total}] {name}")


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục (DOCX, PDF, TXT, MD).")],
           kind: Annotated[Optional[str], typer.Option("--kind", help="guidance | outline | directive | report | other")] = None,
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
    results = []
    with typer.progressbar(files, label="Đang lập chỉ mục", file=sys.stderr, show_pos=True,
                           item_show_func=lambda p: p.name if p else "") as bar:
        for path in bar:
            results.append(kb.ingest(path, kind))
    labels = {"added": "đã thêm", "updated": "đã cập nhật", "unchanged": "không đổi", "failed": "LỖI"}
    if as_json:
        _print_json([r.to_json() for r in results])
    else:
        for r in results:
            line = f"{labels[r.status]:>12}  {r.name}"
            line += f"  ({r.chunks} đoạn)" if r.ok else f"  — {r.error}"
            typer.echo(line)
            for w in r.warnings:
                typer.echo(f"{'':>14}cảnh báo: {w}")
    if any(not r.ok for r in results):
        raise typer.Exit(1)


@app.command()
def docs(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Liệt kê các tài liệu đã lập chỉ mục."""
    from bctk_assist.index import KIND_NAMES

    items = open_kb(home, quiet=as_json).docs()
    if as_json:
        _print_json([d.to_json() for d in items])
        return
    if not items:
        typer.echo("Chưa có tài liệu nào.")
    for d in items:
        typer.echo(f"{d.id}  [{KIND_NAMES.get(d.kind, d.kind)}]  {d.name}  — {d.chunks} đoạn")
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
    hits = open_kb(home, quiet=as_json).search(query, k=k, kind=kind)
    if as_json:
        _print_json([h.to_json() for h in hits])
        return
    if not hits:
        typer.echo("Không tìm thấy đoạn nào phù hợp.")
    for h in hits:
        typer.echo(f"[{h.rank}] {h.doc} — {h.location}  (điểm {h.score:.3f})")
        typer.echo("    " + h.text.replace("\n", "\n    "))


@app.command()
def serve(port: Annotated[Optional[int], typer.Option("--port")] = None,
          home: HomeOpt = None) -> None:
    """Chạy ứng dụng web (Streamlit)."""
    env = dict(os.environ)
    if home:
        env["BCTK_HOME"] = str(home)
    port = port or int(env.get("STREAMLIT_SERVER_PORT", "8501"))
    address = env.get("STREAMLIT_SERVER_ADDRESS", "localhost")
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO_DIR / "app.py"),
           "--server.port", str(port), "--server.address", address,
           "--browser.gatherUsageStats", "false", "--server.headless", "true"]
    typer.echo(f"Mở trình duyệt tại: http://{address}:{port}")
    raise typer.Exit(subprocess.call(cmd, env=env))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err("Đã dừng.")
        sys.exit(130)


if __name__ == "__main__":
    main()
