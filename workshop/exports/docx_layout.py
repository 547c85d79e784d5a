"""Page and table layout for the Word documents: A4 pages with the margins of an
Indonesian official report, landscape sections for wide matrices, page numbers,
and tables with set column widths whose header row repeats on every page.

python-docx has no API for repeated header rows or fields, so those few
elements are written as the WordprocessingML they are (w:tblHeader, w:fldChar).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.parts.document import DocumentPart
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

A4 = (Cm(21.0), Cm(29.7))
# Left margin wider for binding, as in a filed report.
MARGINS = {"top": Cm(2.5), "bottom": Cm(2.0), "left": Cm(3.0), "right": Cm(2.0)}
LANDSCAPE_MARGINS = {"top": Cm(2.5), "bottom": Cm(2.0), "left": Cm(2.0), "right": Cm(2.0)}
HEADER_FILL = "D9E5E3"
# A cell's left and right margins in Word and LibreOffice: about 0.2 cm each.
_CELL_PADDING = int(Cm(0.45))
_NARROW = 0.33  # i, l, t, r... in bold Arial, in em
_REGULAR = 0.92  # a regular letter's width, against a bold one's
TABLE_STYLE = "Table Text"
SMALL_TABLE_STYLE = "Matrix Text"
# What follows w:pgNumType in a w:sectPr (ECMA-376 CT_SectPr): it goes before these.
_AFTER_PAGE_NUMBERING = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)


def set_up(doc: DocxDocument) -> None:
    """Fonts and styles: Arial, black headings, compact table text."""
    styles = doc.styles
    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        assert isinstance(style, ParagraphStyle)
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        _drop_theme_fonts(style)
    for name, size in ((TABLE_STYLE, 9), (SMALL_TABLE_STYLE, 8)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = normal
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
    page(doc.sections[0])


def page(section: Section, *, landscape: bool = False) -> None:
    """Make `section` an A4 page, portrait or landscape, with the report's margins."""
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        margins = LANDSCAPE_MARGINS
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        margins = MARGINS
    section.top_margin = margins["top"]
    section.bottom_margin = margins["bottom"]
    section.left_margin = margins["left"]
    section.right_margin = margins["right"]


def new_section(doc: DocxDocument, *, landscape: bool = False) -> Section:
    """Start a new page in a section of its own orientation (same footer)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # The new section is a copy of the last one: its pages go on counting.
    for numbering in section._sectPr.findall(qn("w:pgNumType")):
        section._sectPr.remove(numbering)
    page(section, landscape=landscape)
    return section


def text_width(section: Section) -> int:
    """The width between the margins, in EMU."""
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def page_numbers(section: Section, *, start: int | None = None) -> None:
    """Put the page number (a PAGE field) centred in this section's footer."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = instruction
            run._r.append(text)
    paragraph.add_run("1")  # shown until the program updates the field
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)
    if start is not None:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), str(start))
        section._sectPr.insert_element_before(numbering, *_AFTER_PAGE_NUMBERING)


def table(
    doc: DocxDocument,
    header: Sequence[str],
    weights: Sequence[float],
    *,
    style: str = TABLE_STYLE,
    whole: Mapping[int, Iterable[str]] | None = None,
) -> Table:
    """A grid table across the current section's text width, its columns sized by
    `weights`, laid out fixed (so programs keep the widths) and its header row
    shaded, bold and repeated at the top of every page it runs onto. `whole`
    names, by column, texts whose words must not break (category labels, say)."""
    font = doc.styles[style]
    assert isinstance(font, ParagraphStyle) and font.font.size is not None
    widths = column_widths(
        text_width(doc.sections[-1]), header, weights, font.font.size, whole or {}
    )
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False  # w:tblLayout fixed
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w
    for cell, label, w in zip(grid.rows[0].cells, header, widths, strict=True):
        cell.width = w
        _shade(cell)
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles[style]
        paragraph.add_run(str(label)).bold = True
    _row_flags(grid.rows[0], "w:cantSplit", "w:tblHeader")
    return grid


def column_widths(
    width: int,
    header: Sequence[str],
    weights: Sequence[float],
    size: int,
    whole: Mapping[int, Iterable[str]],
) -> list[int]:
    """Share `width` by `weights`, but give every column room for the longest word
    of its (bold) header label and of its `whole` texts, so none breaks inside."""
    least = []
    for i, label in enumerate(header):
        ems = max((_ems(word) for word in str(label).split()), default=1.0)
        for text in whole.get(i, ()):
            ems = max(ems, *(_ems(word) * _REGULAR for word in text.split()))
        least.append(int(ems * size) + _CELL_PADDING)
    fixed: set[int] = set()
    while True:
        free = width - sum(least[i] for i in fixed)
        share = sum(w for i, w in enumerate(weights) if i not in fixed) or 1
        widths = [least[i] if i in fixed else int(free * w / share) for i, w in enumerate(weights)]
        short = {i for i, w in enumerate(widths) if i not in fixed and w < least[i]}
        if not short:
            return widths
        fixed |= short


def add_row(grid: Table, values: Sequence[object], *, style: str = TABLE_STYLE) -> None:
    """Append a row of plain text, kept whole on one page; newlines in a value
    become line breaks."""
    row = grid.add_row()
    _row_flags(row, "w:cantSplit")
    # The style by its id: python-docx's lookup by name reads every style each time.
    part = grid.part
    assert isinstance(part, DocumentPart)
    style_id = part.styles[style].style_id
    for cell, value in zip(row.cells, values, strict=True):
        cell.text = "" if value is None else str(value)
        cell.paragraphs[0]._p.get_or_add_pPr().style = style_id


def keep_whole(row: _Row) -> None:
    """Never break this row across two pages."""
    _row_flags(row, "w:cantSplit")


def _ems(word: str) -> float:
    """About how wide `word` is in bold Arial, in em (a little more, to be safe)."""
    return sum(_NARROW if ch in "fijlrt.,:;!'|/-()" else _letter(ch) for ch in word)


def _letter(ch: str) -> float:
    if ch in "mwMW":
        return 0.89
    return 0.72 if ch.isupper() else 0.58


def _row_flags(row: _Row, *tags: str) -> None:
    # In w:trPr's order (ECMA-376 CT_TrPrBase): cantSplit, trHeight, tblHeader.
    properties = row._tr.get_or_add_trPr()
    for tag in tags:
        properties.append(OxmlElement(tag))


def _drop_theme_fonts(style: ParagraphStyle) -> None:
    """The default template names heading fonts by theme, which wins over a font name."""
    fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


class NumberedList:
    """A numbered list that starts at 1, whatever lists came before it.

    Word's "List Number" style shares one numbering for the whole document,
    so a second list would go on from the first (4, 5, ...). Each list here
    gets its own numbering instance of the style's definition, restarted at 1.
    """

    def __init__(self, doc: DocxDocument, style: str = "List Number") -> None:
        self.doc = doc
        self.style = style
        numbering = doc.part.numbering_part.element
        style_num = doc.styles[style].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        self.num_id = num.numId

    def item(self, text: str = "") -> Paragraph:
        paragraph = self.doc.add_paragraph(text, style=self.style)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = self.num_id
        return paragraph
