"""Reading uploaded files by their content, never trusting their names.

One place decides whether a file is what it claims to be and safe to keep (public
submissions and admin uploads alike), and one place reads its pages and text (document
metadata and search). Each format is read with a maintained library: pypdf, python-docx,
python-pptx and openpyxl. What those libraries do not do is done beside this module:
active content in a parsed PDF (`inspection_pdf`), and zip bombs, macros, OLE objects, remote
templates and DDE fields in Office packages (`inspection_office`).

Whatever a file holds, inspecting it either returns an Inspection or raises a ValidationError
naming the file: parsers meet damaged and hostile input in corners their authors never
tested, so any other exception is turned into "could not be read" here (tests/fuzz proves it).
"""

import csv
import io
import logging
import posixpath
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

import docx
import openpyxl
import pptx
import pypdf
from defusedxml import ElementTree

from resources.inspection_messages import damaged, refuse_active_content, refuse_zip
from resources.inspection_office import (
    CONTENT_TYPES,
    PackageTooLarge,
    office_active_content,
    parse_content_types,
    read_member,
    verify_members,
    zip_problem,
)
from resources.inspection_pdf import pdf_active_content

logger = logging.getLogger(__name__)

PDF, DOCX, PPTX, XLSX, CSV, ICS = "pdf", "docx", "pptx", "xlsx", "csv", "ics"

FORMAT_NAMES = {
    PDF: "PDF",
    DOCX: "Word (.docx)",
    PPTX: "PowerPoint (.pptx)",
    XLSX: "Excel (.xlsx)",
    CSV: "CSV",
    ICS: "iCalendar (.ics)",
}

MIME_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv",
    ICS: "text/calendar",
}

# The content type of each Office Open XML format's main part.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": PPTX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

ALL_FORMATS = (PDF, DOCX, PPTX, XLSX, CSV, ICS)

# Text kept per document for search: plenty for a long guide, bounded for a hostile one.
MAX_EXTRACTED_CHARS = 500_000
MAX_PAGE_COUNT = 100_000  # a page count read from a file's own metadata, believed up to this

# Cells a spreadsheet would run: "=..." always; "+", "-" or "@" followed by a function call
# or a DDE "|" ("-5", "+44 (0)20 ..." and "@handle" stay data).
CSV_FORMULA = re.compile(r"=|[+\-@].*(?:[A-Za-z][A-Za-z0-9_.]*\(|\|)", re.DOTALL)


@dataclass(frozen=True)
class Inspection:
    """What a file turned out to be."""

    format: str
    page_count: int | None = None

    @property
    def format_name(self):
        return FORMAT_NAMES[self.format]

    @property
    def mime_type(self):
        return MIME_TYPES[self.format]


class ExtractionError(Exception):
    """The text of a file that passed inspection could not be read."""


def inspect_upload(uploaded_file, *, allowed=(PDF, DOCX, PPTX), max_size=10 * 1024 * 1024):
    """Check an uploaded file by its content and return what it is.

    Raises ValidationError with a message written for the person who uploaded it: what is
    wrong with *this* file and what they can do about it.
    """
    name = uploaded_file.name or ""
    label = file_label(name)
    check_file_name(name, label)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed_names = ", ".join(FORMAT_NAMES[fmt] for fmt in allowed)
    if extension not in allowed:
        raise ValidationError(
            f"{label} is not a file type we accept. Upload one of: {allowed_names}.",
            code="file_type",
        )
    size = uploaded_file.size
    if size == 0:
        raise ValidationError(f"{label} is empty. Check the file and upload it again.", "empty")
    if size > max_size:
        raise ValidationError(
            f"{label} is {filesizeformat(size)}; files must be {filesizeformat(max_size)} or "
            "smaller.",
            code="file_size",
        )
    data = read_all(uploaded_file)
    inspection = inspect_bytes(data, extension, label)
    if inspection.format != extension:
        raise ValidationError(
            f"{label} is named as {FORMAT_NAMES[extension]} but is really "
            f"{FORMAT_NAMES[inspection.format]}. Rename it to .{inspection.format} if that is "
            "what you meant.",
            code="file_mismatch",
        )
    return inspection


def file_label(name):
    base = posixpath.basename((name or "").replace("\\", "/")).replace("\x00", "")
    return f"“{base[:100]}”" if base else "The file"


def check_file_name(name, label="The file"):
    if not name or "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        raise ValidationError(
            f"{label} was refused: the file name must be a plain name, without a folder path or "
            "a leading dot. Rename it and upload it again.",
            code="file_name",
        )


def read_all(uploaded_file):
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    return data


def inspect_bytes(data, claimed, label="The file"):
    """Identify `data` by content. `claimed` is the format its name claims.

    Returns an Inspection or raises ValidationError, whatever the bytes are.
    """
    try:
        return identify(data, claimed, label)
    except ValidationError:
        raise
    except Exception as error:  # a parser meeting hostile input (see the module docstring)
        logger.info("Refused a file that could not be read: %r", error)
        raise damaged(label, claimed) from error


def identify(data, claimed, label):
    if data.startswith(OLE2_SIGNATURE):
        raise ValidationError(
            f"{label} is password-protected, encrypted or in an old Office format (.doc, .ppt, "
            ".xls). Remove the password or save it as .docx, .pptx or .xlsx, then upload it "
            "again.",
            code="file_encrypted",
        )
    if b"%PDF-" in data[:1024]:  # the PDF header may follow up to 1 KB of junk
        return inspect_pdf(data, label)
    if data.startswith(b"PK\x03\x04"):
        return inspect_ooxml(data, claimed, label)
    if claimed in (CSV, ICS):
        return inspect_text(data, claimed, label)
    raise ValidationError(
        f"{label} is not really {FORMAT_NAMES.get(claimed, 'a file type we accept')}: its "
        "content does not match its name. It may be damaged, or a different kind of file "
        "renamed.",
        code="file_mismatch",
    )


def inspect_pdf(data, label):
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as error:  # a parser meeting hostile input (see the module docstring)
        raise damaged(label, PDF) from error
    if encrypted:
        raise ValidationError(
            f"{label} is a password-protected PDF. Remove the password and upload it again.",
            code="file_encrypted",
        )
    page_count = len(reader.pages)
    found = pdf_active_content(reader)
    if found:
        refuse_active_content(label, found, PDF)
    if page_count == 0:
        raise ValidationError(f"{label} has no pages.", code="file_damaged")
    return Inspection(PDF, page_count)


def inspect_ooxml(data, claimed, label):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise damaged(label, claimed) from error
    problem = zip_problem(entries)
    if problem:
        refuse_zip(label, problem)
    names = {entry.filename for entry in entries}
    if CONTENT_TYPES not in names:
        raise ValidationError(
            f"{label} is a zip archive, not an Office document.", code="file_mismatch"
        )
    verify_members(archive)
    fmt = claimed if claimed in (DOCX, PPTX, XLSX) else None
    try:
        found = office_active_content(archive)
    except PackageTooLarge:
        found = "too_complex"
    if found:
        refuse_active_content(label, found, fmt)
    overrides, _defaults = parse_content_types(archive)
    formats = {OOXML_MAIN_PARTS[ct] for ct in overrides if ct in OOXML_MAIN_PARTS}
    if len(formats) != 1:
        raise ValidationError(
            f"{label} is not a Word, PowerPoint or Excel document we can read.",
            code="file_mismatch",
        )
    fmt = formats.pop()
    page_count = count_ooxml_pages(archive, names, fmt)
    return Inspection(fmt, page_count)


def count_ooxml_pages(archive, names, fmt):
    """Slides are counted exactly; Word's page count is what Word last saved in app.xml."""
    if fmt == PPTX:
        return (
            sum(
                1 for name in names if name.startswith("ppt/slides/slide") and name.endswith(".xml")
            )
            or None
        )
    if fmt == DOCX and "docProps/app.xml" in names:
        app = ElementTree.fromstring(read_member(archive, "docProps/app.xml"))
        for element in app:
            text = (element.text or "").strip()
            if element.tag.endswith("}Pages") and re.fullmatch(r"[0-9]{1,9}", text):
                return int(text) if 0 < int(text) <= MAX_PAGE_COUNT else None
    return None


def inspect_text(data, fmt, label):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"{label} is not a UTF-8 text file. Save it as UTF-8 (in Excel: 'CSV UTF-8') and "
            "upload it again.",
            code="file_encoding",
        ) from error
    if "\x00" in text:
        raise ValidationError(f"{label} is not a text file.", code="file_mismatch")
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype", "<html", "<script", "<?xml", "<svg")):
        raise ValidationError(
            f"{label} is a web page or XML file, not {FORMAT_NAMES[fmt]}.", code="file_mismatch"
        )
    if fmt == ICS and not head.startswith("begin:vcalendar"):
        raise ValidationError(
            f"{label} is not an iCalendar file: it should start with BEGIN:VCALENDAR.",
            code="file_mismatch",
        )
    if fmt == CSV:
        check_csv_formulas(text, label)
    return Inspection(fmt, None)


def check_csv_formulas(text, label):
    """Refuse a cell a spreadsheet would run as a formula (CSV injection): exports neutralise
    their own cells (goodpractice.home.spreadsheet), but an uploaded CSV is served as it is."""
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            for cell in row:
                if CSV_FORMULA.match(cell.lstrip(" ")):
                    raise ValidationError(
                        f"{label} has a cell that a spreadsheet would run as a formula (row "
                        f"{number}: “{cell.strip()[:40]}”). Remove the formula, or start the "
                        "cell with an apostrophe, then upload it again.",
                        code="file_formula",
                    )
    except csv.Error as error:
        raise damaged(label, CSV) from error


def extract_text(file, fmt):
    """The readable text of an inspected file, for search. Raises ExtractionError on failure."""
    file.seek(0)
    try:
        if fmt == PDF:
            text = _pdf_text(file)
        elif fmt == DOCX:
            text = _docx_text(file)
        elif fmt == PPTX:
            text = _pptx_text(file)
        elif fmt == XLSX:
            text = _xlsx_text(file)
        elif fmt in (CSV, ICS):
            text = file.read(MAX_EXTRACTED_CHARS * 4).decode("utf-8-sig", errors="replace")
            if fmt == CSV:
                text = "\n".join(" ".join(row) for row in csv.reader(io.StringIO(text)))
        else:
            raise ExtractionError(f"No text extractor for format {fmt!r}")
    except ExtractionError:
        raise
    except Exception as error:  # a parser meeting hostile input (see the module docstring)
        raise ExtractionError(f"Could not read the text of a {fmt} file: {error}") from error
    finally:
        file.seek(0)
    return " ".join(text.split())[:MAX_EXTRACTED_CHARS]


def _pdf_text(file):
    reader = pypdf.PdfReader(file, strict=False)
    parts, length = [], 0
    for page in reader.pages:
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
        if length > MAX_EXTRACTED_CHARS:
            break
    return "\n".join(parts)


def _docx_text(file):
    document = docx.Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pptx_text(file):
    presentation = pptx.Presentation(file)
    parts = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _xlsx_text(file):
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    parts, length = [], 0
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                line = " ".join(str(value) for value in row if value is not None)
                parts.append(line)
                length += len(line)
                if length > MAX_EXTRACTED_CHARS:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)
