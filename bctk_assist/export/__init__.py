"""DOCX export in the official Party (HD 36) or State (NĐ 30) format.

`rules` holds the formats as data, `layout` the text widths and line breaking, `ooxml` the raw
XML helpers, `build` the document (pure: sections + profile + rules -> Document), and `report`
the workspace glue (which sections, which versions, report-wide citation numbers).
"""
from bctk_assist.export.build import (
    CITATION_MODES, DRAFT_MARK, REQUIRED_FIELDS, ReportSection, Source, build_document,
    end_mark_position, export_docx, format_date_line, number_line,
)
from bctk_assist.export.layout import Fitted, balanced_lines, fit_lines, text_width_pt
from bctk_assist.export.report import (
    DEFAULT_SUBJECT, CompiledReport, export_report, report_sections, sample_warning,
)
from bctk_assist.export.rules import (
    BREAKING, FORMATS, RULES, Breaking, ExportError, HeadingStyle, RuleSet, TextStyle,
    resolve_rules,
)

__all__ = [
    "BREAKING", "CITATION_MODES", "DEFAULT_SUBJECT", "DRAFT_MARK", "FORMATS", "REQUIRED_FIELDS",
    "RULES", "Breaking", "CompiledReport", "ExportError", "Fitted", "HeadingStyle",
    "ReportSection", "RuleSet", "Source", "TextStyle", "balanced_lines", "build_document",
    "end_mark_position", "export_docx", "export_report", "fit_lines", "format_date_line",
    "number_line", "report_sections", "resolve_rules", "sample_warning", "text_width_pt",
]
