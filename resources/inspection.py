"""Reading uploaded files by their content, never trusting their names.

One place decides whether a file is what it claims to be and safe to keep (public
submissions and admin uploads alike), and one place reads its pages and text (document
metadata and search). Each format is read with a maintained library: pypdf, python-docx,
python-pptx and openpyxl. What those libraries do not do, and so is done here: telling a real
Office Open XML file from a renamed or macro-enabled one by its [Content_Types].xml, spotting an
encrypted Office file (an OLE2 container in disguise), and refusing zip bombs before anything
decompresses them.
"""

import csv
import io
import logging
import posixpath
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

import docx
import openpyxl
import pptx
import pypdf
from defusedxml import DefusedXmlException, ElementTree
from pypdf.errors import PyPdfError

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

# The content type of each Office Open XML format's main part, and of its macro-enabled twin.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": PPTX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
OOXML_MACRO_MAIN_PARTS = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": DOCX,
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": DOCX,
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": PPTX,
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": PPTX,
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": XLSX,
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# Zip bomb limits: a genuine document of a few MB expands to tens of MB at most.
MAX_ZIP_ENTRIES = 5_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

ALL_FORMATS = (PDF, DOCX, PPTX, XLSX, CSV, ICS)

# Text kept per document for search: plenty for a long guide, bounded for a hostile one.
MAX_EXTRACTED_CHARS = 500_000


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
    label = f"“{posixpath.basename(name.replace(chr(92), '/'))}”"
    check_file_name(name)
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


def check_file_name(name):
    if not name or "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        raise ValidationError(
            "The file name must be a plain name, without a folder path or a leading dot.",
            code="file_name",
        )


def read_all(uploaded_file):
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    return data


def inspect_bytes(data, claimed, label="The file"):
    """Identify `data` by content. `claimed` is the format its name claims."""
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
        return inspect_ooxml(data, label)
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
        if reader.is_encrypted:
            raise ValidationError(
                f"{label} is a password-protected PDF. Remove the password and upload it again.",
                code="file_encrypted",
            )
        page_count = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        logger.info("Refused a PDF that could not be read: %s", error)
        raise ValidationError(
            f"{label} looks like a PDF but could not be read: it may be damaged or incomplete.",
            code="file_damaged",
        ) from error
    if b"/JavaScript" in data or b"/Launch" in data:
        raise ValidationError(
            f"{label} contains embedded scripts or actions, which we do not accept. Save it "
            "again as a plain PDF (for example with 'Print to PDF') and upload that.",
            code="file_active_content",
        )
    if page_count == 0:
        raise ValidationError(f"{label} has no pages.", code="file_damaged")
    return Inspection(PDF, page_count)


def inspect_ooxml(data, label):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(
            f"{label} could not be opened: it may be damaged or incomplete.",
            code="file_damaged",
        ) from error
    check_zip_safety(entries, label)
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        raise ValidationError(
            f"{label} is a zip archive, not an Office document.", code="file_mismatch"
        )
    try:
        content_types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    except (ElementTree.ParseError, DefusedXmlException, KeyError, zipfile.BadZipFile) as error:
        raise ValidationError(
            f"{label} could not be opened: it may be damaged.", code="file_damaged"
        ) from error
    declared = {
        override.get("ContentType", "")
        for override in content_types.iter(f"{CONTENT_TYPES_NS}Override")
    }
    if declared & OOXML_MACRO_MAIN_PARTS.keys() or any(
        name.lower().endswith("vbaproject.bin") for name in names
    ):
        raise ValidationError(
            f"{label} contains macros, which we do not accept. Save it without macros (as "
            ".docx, .pptx or .xlsx) and upload it again.",
            code="file_macros",
        )
    formats = {OOXML_MAIN_PARTS[ct] for ct in declared if ct in OOXML_MAIN_PARTS}
    if len(formats) != 1:
        raise ValidationError(
            f"{label} is not a Word, PowerPoint or Excel document we can read.",
            code="file_mismatch",
        )
    fmt = formats.pop()
    page_count = count_ooxml_pages(archive, names, fmt)
    return Inspection(fmt, page_count)


def check_zip_safety(entries, label):
    bomb = ValidationError(
        f"{label} expands to far more data than a real document would, so it was refused.",
        code="file_bomb",
    )
    if len(entries) > MAX_ZIP_ENTRIES:
        raise bomb
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise ValidationError(
                f"{label} is password-protected. Remove the password and upload it again.",
                code="file_encrypted",
            )
        total += entry.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise bomb
        if entry.file_size > 1024 * 1024 and entry.file_size > (
            MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        ):
            raise bomb
        normalised = posixpath.normpath(entry.filename)
        if entry.filename.startswith("/") or normalised.startswith(".."):
            raise ValidationError(
                f"{label} contains files with unsafe paths, so it was refused.",
                code="file_unsafe_path",
            )


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
        try:
            app = ElementTree.fromstring(archive.read("docProps/app.xml"))
        except (ElementTree.ParseError, DefusedXmlException):
            return None
        for element in app:
            if element.tag.endswith("}Pages") and (element.text or "").strip().isdigit():
                return int(element.text) or None
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
    return Inspection(fmt, None)


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
    except Exception as error:
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
