"""Kept for existing callers: the exporter lives in the `bctk_assist.export` package."""
from bctk_assist.export import (
    BREAKING, CITATION_MODES, DEFAULT_SUBJECT, DRAFT_MARK, FORMATS, REQUIRED_FIELDS,
    RULES, Breaking, CompiledReport, ExportError, Fitted, HeadingStyle,
    ReportSection, RuleSet, Source, TextStyle, balanced_lines, build_document,
    end_mark_position, export_docx, export_report, fit_lines, format_date_line, number_line,
    report_sections, resolve_rules, sample_warning, text_width_pt,
)

__all__ = ['BREAKING', 'CITATION_MODES', 'DEFAULT_SUBJECT', 'DRAFT_MARK', 'FORMATS', 'REQUIRED_FIELDS', 'RULES', 'Breaking', 'CompiledReport', 'ExportError', 'Fitted', 'HeadingStyle', 'ReportSection', 'RuleSet', 'Source', 'TextStyle', 'balanced_lines', 'build_document', 'end_mark_position', 'export_docx', 'export_report', 'fit_lines', 'format_date_line', 'number_line', 'report_sections', 'resolve_rules', 'sample_warning', 'text_width_pt']
