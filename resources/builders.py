"""Build real, valid documents from a title and sections of text.

Used by the demo content (so its downloads, page counts and search work for real) and by the
tests. Each format is written by its maintained library: fpdf2, python-docx, python-pptx and
openpyxl.
"""

import io

import docx
import openpyxl
import pptx
from fpdf import FPDF


def build_pdf(title, sections):
    """A PDF with the title and one page per (heading, text) section."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("EDI good practice demo")
    pdf.set_margins(20, 20, 20)
    for heading, text in sections:
        pdf.add_page()
        pdf.set_font("Helvetica", style="B", size=16)
        pdf.multi_cell(0, 9, title if heading is None else heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def build_docx(title, sections):
    """A Word document with the title, then each section as a heading and a paragraph."""
    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    for heading, text in sections:
        if heading:
            document.add_heading(heading, level=1)
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pptx(title, sections):
    """A presentation with a title slide, then one slide per section."""
    presentation = pptx.Presentation()
    presentation.core_properties.title = title
    title_slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    title_slide.shapes.title.text = title
    for heading, text in sections:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = heading or title
        slide.placeholders[1].text = text
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def build_xlsx(title, rows):
    """A workbook with one sheet named after the title, holding `rows`."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
