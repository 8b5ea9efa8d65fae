"""From a workspace to the report: which sections and which versions go in, and citations
renumbered across the whole report. The document itself is built by `export.build`."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from bctk_assist.export.build import ReportSection, Source, export_docx
from bctk_assist.grounding import CITATION_RE, citation_numbers
from bctk_assist.outline import tidy

__all__ = ["DEFAULT_SUBJECT", "CompiledReport", "SectionCheck", "report_sections", "export_report",
           "sample_warning", "section_checks"]

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


# --- what is still to check in each section of the report ------------------------------------

ACCEPTED, DRAFT, NOT_ACCEPTED = "accepted", "draft", "not accepted"
_STATUS_LABELS = {ACCEPTED: "đã duyệt", DRAFT: "bản nháp chưa duyệt, có trong bản xuất", NOT_ACCEPTED: "chưa duyệt"}


@dataclass
class SectionCheck:
    """A section of the report: whether its text goes in, and the problems of that text."""

    section_id: str
    title: str
    status: str  # accepted | draft (its latest draft, exported with --drafts) | not accepted
    version: int | None  # the version in the report (the accepted one, or the draft's)
    gaps: list[str] = field(default_factory=list)
    unverified_numbers: list[str] = field(default_factory=list)
    sample_citations: list[dict] = field(default_factory=list)  # {"n", "doc", "location"} of the sample data

    @property
    def in_report(self) -> bool:
        return self.status != NOT_ACCEPTED

    @property
    def problems(self) -> bool:
        return bool(self.gaps or self.unverified_numbers or self.sample_citations)

    @property
    def status_label(self) -> str:
        label = _STATUS_LABELS[self.status]
        return f"{label}, phiên bản {self.version}" if self.version is not None else label

    def problem_lines(self) -> list[str]:
        """The problems as a user reads them, one line each."""
        lines = [f"cần bổ sung: {gap}" for gap in self.gaps]
        if self.unverified_numbers:
            lines.append("số liệu chưa kiểm chứng: " + ", ".join(self.unverified_numbers))
        if self.sample_citations:
            docs = ", ".join(dict.fromkeys(c["doc"] for c in self.sample_citations))
            lines.append(f"trích dẫn DỮ LIỆU MẪU (đơn vị giả định): {docs}")
        return lines

    def to_json(self) -> dict:
        return {"section_id": self.section_id, "title": self.title, "status": self.status,
                "version": self.version, "in_report": self.in_report, "gaps": self.gaps,
                "unverified_numbers": self.unverified_numbers, "sample_citations": self.sample_citations}


def section_checks(workspace, sections, *, include_drafts: bool = False) -> list[SectionCheck]:
    """Every section that takes text (and any other with accepted text), in outline order, with the
    gaps and unverified numbers of the text that goes into the report, checked now against the current
    notes and profile (`services.check_text`) rather than read from when it was accepted."""
    from bctk_assist.outline import draftable
    from bctk_assist.grounding import cited_numbers
    from bctk_assist.services import check_text

    accepted = workspace.accepted_all()
    wanted = {s.id for s in draftable(list(sections))} | set(accepted)
    out = []
    for s in sections:
        if s.id not in wanted:
            continue
        record, status = accepted.get(s.id), ACCEPTED
        if record is None and include_drafts:
            record, status = workspace.latest_draft(s.id), DRAFT
        title = tidy(f"{s.label} {s.title}").split("\n")[0]
        if record is None:
            out.append(SectionCheck(s.id, title, NOT_ACCEPTED, None))
            continue
        checked = check_text(workspace, sections, s, record.text, record.citations)
        cited = set(cited_numbers(record.text))
        sample = [{"n": c.get("n"), "doc": c.get("doc", ""), "location": c.get("location", "")}
                  for c in record.citations if c.get("kind") == "sample" and int(c.get("n", -1)) in cited]
        out.append(SectionCheck(s.id, title, status, record.version, checked.gaps, checked.unverified_numbers,
                                sample))
    return out
