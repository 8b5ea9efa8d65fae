"""From a workspace to the report: which sections and which versions go in, and citations
renumbered across the whole report. The document itself is built by `export.build`."""
from __future__ import annotations

import os
import re
from typing import NamedTuple

from bctk_assist.export.build import ReportSection, Source, export_docx
from bctk_assist.grounding import CITATION_RE, citation_numbers
from bctk_assist.outline import tidy

__all__ = ["DEFAULT_SUBJECT", "CompiledReport", "report_sections", "export_report", "sample_warning"]

DEFAULT_SUBJECT = ("Tổng kết 10 năm thực hiện Chỉ thị số 20-CT/TW, ngày 05/11/2012 của Bộ Chính trị về việc "
                   "tăng cường sự lãnh đạo của Đảng đối với công tác chăm sóc, giáo dục và bảo vệ trẻ em "
                   "trong tình hình mới")
# A marker with the spaces before it (dropped with the marker when none of its numbers is known).
_MARKER = re.compile(r"(?P<space>[ \t]*)" + CITATION_RE.pattern)


class CompiledReport(NamedTuple):
    sections: list[ReportSection]
    sources: dict[int, Source]  # report-wide number -> source
    warnings: list[str]


def _stored_sources(citations) -> dict[int, Source]:
    """A version's stored citations ({"n", "doc", "location", "quote", …}) by their number;
    entries without a usable number are ignored."""
    out: dict[int, Source] = {}
    for c in citations or ():
        try:
            out[int(c["n"])] = Source.of(c)
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _renumber(text: str, local: dict[int, Source], numbers: dict[Source, int]) -> tuple[str, list[int]]:
    """Markers rewritten to report-wide numbers (one number per distinct source, in reading
    order). A number with no stored source is dropped from its marker, never renumbered into
    another source's number; the dropped numbers are returned."""
    missing: list[int] = []

    def rewrite(m: re.Match) -> str:
        out = []
        marker = m.group(0)[len(m.group("space")):]
        for n in citation_numbers(CITATION_RE.fullmatch(marker).group(1)):
            source = local.get(n)
            if source is None:
                missing.append(n)
                continue
            out.append(numbers.setdefault(source, len(numbers) + 1))
        out = list(dict.fromkeys(out))
        return f"{m.group('space')}[{', '.join(map(str, out))}]" if out else ""

    return _MARKER.sub(rewrite, text), list(dict.fromkeys(missing))


def report_sections(workspace, sections, *, include_drafts: bool = False) -> CompiledReport:
    """Accepted (and optionally latest draft) texts in outline order, with citations renumbered
    across the whole report so each "[n]" names one source."""
    accepted = workspace.accepted_all()
    numbers: dict[Source, int] = {}
    out: list[ReportSection] = []
    warnings: list[str] = []
    for s in sections:
        record, status = accepted.get(s.id), "accepted"
        if record is None and include_drafts:
            record, status = workspace.latest_draft(s.id), "draft"
        text = None
        if record is not None:
            text, missing = _renumber(record.text, _stored_sources(record.citations), numbers)
            if missing:
                nums = ", ".join(f"[{n}]" for n in missing)
                warnings.append(f"Mục {s.id}: trích dẫn {nums} không có nguồn trong các trích dẫn đã lưu "
                                "của mục, nên đã bỏ số này khỏi bản xuất. Kiểm tra lại câu có trích dẫn đó.")
        out.append(ReportSection(s.id, s.label, tidy(s.title), s.level, text, status))
    return CompiledReport(out, {n: source for source, n in numbers.items()}, warnings)


def export_report(path: str | os.PathLike, workspace, sections, *, format: str | None = None,
                  include_drafts: bool = False, citations: str = "strip",
                  subject: str = DEFAULT_SUBJECT, force: bool = False) -> list[str]:
    """Compile the workspace's accepted sections into the DOCX at `path`; returns warnings."""
    report = report_sections(workspace, sections, include_drafts=include_drafts)
    warnings = export_docx(path, report.sections, workspace.profile(), format=format,
                           subject=subject, include_drafts=include_drafts, citations=citations,
                           sources=report.sources, force=force)
    return sample_warning(workspace) + report.warnings + warnings


def sample_warning(workspace) -> list[str]:
    """A warning naming the accepted sections that cite the bundled sample (invented data)."""
    from bctk_assist.services import sample_citations

    cited = sample_citations(workspace.accepted_all())
    if not cited:
        return []
    return [f"Các mục đã duyệt sau có trích dẫn DỮ LIỆU MẪU của đơn vị giả định, không phải số liệu của đơn vị: "
            f"{', '.join(cited)}. Hãy thêm tài liệu của đơn vị, soạn lại và duyệt lại các mục này."]
