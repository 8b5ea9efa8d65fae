"""Raw WordprocessingML helpers for what python-docx has no API for: fonts of every script,
paragraph-border rules, borderless tables, fields, real footnotes, and the package clean-up
(document properties, settings, template leftovers)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTE_STYLE, FOOTNOTE_REF_STYLE = "FootnoteText", "FootnoteReference"
# Word 2013 and later: compatibility mode 15 (no "[Compatibility Mode]" in the title bar).
COMPATIBILITY_MODE = "15"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def set_fonts(rpr, font: str) -> None:
    """All four scripts to `font`; theme fonts removed (they would win over named fonts)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def set_lang(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def mark_size(paragraph, size: float) -> None:
    """The paragraph mark's size sets the height of an empty line (used by the 1 pt rules)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(round(size * 2)))


def add_bottom_border(paragraph) -> None:
    """A solid bottom border: the rule drawn under header lines and the subject."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr must come before shd/tabs/spacing/ind/jc in pPr (schema order), after keepNext.
    anchor = next((ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:suppressAutoHyphens",
                                             "w:spacing", "w:ind", "w:jc", "w:rPr")
                   if ppr.find(qn(t)) is not None), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def shade_paragraph(paragraph, fill: str) -> None:
    """A background colour behind the whole paragraph (draft sections)."""
    ppr = paragraph._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    anchor = next((ppr.find(qn(t)) for t in ("w:tabs", "w:suppressAutoHyphens", "w:spacing",
                                             "w:ind", "w:jc", "w:rPr")
                   if ppr.find(qn(t)) is not None), None)
    if anchor is not None:
        anchor.addprevious(shd)
    else:
        ppr.append(shd)


def borderless_table(doc: Document, widths_mm: Sequence[float], rows: int = 1):
    """A fixed-layout table with no borders (header and signature blocks)."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False  # fixed layout: the columns keep the widths below
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_mm) * 1440 / 25.4)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # Schema order: tblBorders comes before shd, tblLayout, tblCellMar and tblLook.
    successor = next((el for el in tbl_pr if el.tag in {
        qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"), qn("w:tblLook")}), None)
    if successor is not None:
        successor.addprevious(borders)
    else:
        tbl_pr.append(borders)
    for col, col_width in zip(table.columns, widths_mm):
        col.width = Mm(col_width)
    for row in table.rows:
        for cell, col_width in zip(row.cells, widths_mm):
            cell.width = Mm(col_width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def empty_cell(table, row: int, col: int):
    """A table cell emptied of its default paragraph (content is added with add_paragraph)."""
    cell = table.cell(row, col)
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


def cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def add_field(paragraph, instruction: str, style_run) -> None:
    """A complex field (e.g. PAGE) with a cached result so viewers show something at once.
    `style_run(run)` formats each run."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None),
                       ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        style_run(run)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        elif kind == "text":
            run.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def add_page_break(doc: Document) -> None:
    run = doc.add_paragraph().add_run()
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    run._r.append(br)


# --- footnotes -----------------------------------------------------------------------------------

_FOOTNOTES_XML = (
    f'<w:footnotes {nsdecls("w")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote></w:footnotes>')


class Footnotes:
    """The document's word/footnotes.xml, created on first use; notes numbered 1, 2, … by Word."""

    def __init__(self, doc: Document, size_pt: float):
        self._doc, self._size = doc, size_pt
        self._part: XmlPart | None = None
        self.count = 0

    def _ensure_part(self) -> XmlPart:
        if self._part is None:
            package = self._doc.part.package
            self._part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                                 parse_xml(_FOOTNOTES_XML), package)
            self._doc.part.relate_to(self._part, RT.FOOTNOTES)
            add_footnote_styles(self._doc, self._size)
            _add_footnote_settings(self._doc)
        return self._part

    def add(self, paragraph, text: str):
        """A footnote holding `text`, referenced by a new run at the end of `paragraph`."""
        part = self._ensure_part()
        self.count += 1
        note_id = str(self.count)
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr>'
            f'<w:pStyle w:val="{FOOTNOTE_STYLE}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REF_STYLE}"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>')
        part.element.append(note)
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), FOOTNOTE_REF_STYLE)
        rpr.insert(0, style)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), note_id)
        run._r.append(ref)
        return run


    def add_separator(self, paragraph) -> None:
        """A superscript comma between two note marks of one citation ("²,³", not "²³")."""
        run = paragraph.add_run(",")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), FOOTNOTE_REF_STYLE)
        run._r.get_or_add_rPr().insert(0, style)


def add_footnote_styles(doc: Document, size_pt: float) -> None:
    """Word's built-in "footnote text" and "footnote reference" styles (absent from the template)."""
    styles = doc.styles.element
    if styles.find(f'.//{{{W_NS}}}style[@{{{W_NS}}}styleId="{FOOTNOTE_STYLE}"]') is not None:
        return
    half_points = round(size_pt * 2)
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{FOOTNOTE_STYLE}">'
        '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" '
        'w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="both"/></w:pPr>'
        f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="{FOOTNOTE_REF_STYLE}">'
        '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'))


def _add_footnote_settings(doc: Document) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    props = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                      '<w:footnote w:id="0"/></w:footnotePr>')
    compat = settings.find(qn("w:compat"))  # footnotePr comes right before compat
    if compat is not None:
        compat.addprevious(props)
    else:
        settings.append(props)


# --- package clean-up ----------------------------------------------------------------------------

def clean_package(doc: Document, *, title: str, author: str, language: str,
                  now: datetime | None = None) -> None:
    """Document properties of this report, not of python-docx's template: title, author, dates
    (now), language; no template thumbnail, bibliography item or Word 2010 style copy; settings
    of current Word with no claim that spelling was checked."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.language = language
    props.created = props.modified = now
    props.comments = props.keywords = props.category = props.subject = ""
    props.revision = 1
    _drop_rels(doc.part.package.rels, {RT.THUMBNAIL})
    _drop_rels(doc.part.rels, {RT.CUSTOM_XML, _STYLES_WITH_EFFECTS})
    _write_app_properties(doc, author)
    _clean_settings(doc, language)


def _drop_rels(rels, reltypes: set[str]) -> None:
    for rid in [rid for rid, rel in rels.items() if rel.reltype in reltypes]:
        rels.pop(rid)


def _write_app_properties(doc: Document, company: str) -> None:
    rels = doc.part.package.rels
    app = next((rel.target_part for rel in rels.values()
                if rel.reltype == RT.EXTENDED_PROPERTIES), None)
    if app is None:
        return
    app._blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>0</TotalTime>'
        '<Application>bctk-assist</Application><DocSecurity>0</DocSecurity>'
        f'<Company>{escape(company)}</Company><LinksUpToDate>false</LinksUpToDate>'
        '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>'
    ).encode("utf-8")


def _clean_settings(doc: Document, language: str) -> None:
    settings = doc.settings.element
    for tag in ("w:proofState", "w:savePreviewPicture", "w:rsids"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    for el in settings.iter(qn("w:compatSetting")):
        if el.get(qn("w:name")) == "compatibilityMode":
            el.set(qn("w:val"), COMPATIBILITY_MODE)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)
        theme_lang.attrib.pop(qn("w:eastAsia"), None)
