import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile

import pypdf
import pytest
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from resources.builders import build_docx, build_pdf, build_pptx, build_xlsx
from resources.inspection import (
    ALL_FORMATS,
    ExtractionError,
    extract_text,
    inspect_upload,
)

SECTIONS = [("Inducting new doctors", "A welcome for colleagues."), ("Second", "More text.")]


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(name, data, **kwargs):
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload(name, data), **kwargs)
    return caught.value


def rezip(data, replace=None, add=None):
    """Copy an Office file's zip, changing or adding parts."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if replace and info.filename in replace:
                content = replace[info.filename](content)
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "fmt", "pages"),
    [
        ("guide.pdf", build_pdf("Guide", SECTIONS), "pdf", 2),
        ("guide.docx", build_docx("Guide", SECTIONS), "docx", 1),
        ("slides.pptx", build_pptx("Slides", SECTIONS), "pptx", 3),
    ],
)
def test_real_files_are_identified_with_their_pages(name, data, fmt, pages):
    inspection = inspect_upload(upload(name, data))
    assert inspection.format == fmt
    assert inspection.page_count == pages


def test_spreadsheets_csv_and_calendars_are_accepted_when_allowed():
    assert inspect_upload(upload("a.xlsx", build_xlsx("S", [("a", 1)])), allowed=ALL_FORMATS)
    assert inspect_upload(upload("a.csv", b"name,date\nEid,2026-03-20\n"), allowed=ALL_FORMATS)
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    assert inspect_upload(upload("a.ics", ics), allowed=ALL_FORMATS).format == "ics"


def test_html_renamed_as_pdf_is_refused_by_content():
    error = refusal("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    assert "not really PDF" in error.messages[0]


def test_a_word_file_named_as_powerpoint_says_what_it_really_is():
    error = refusal("slides.pptx", build_docx("Guide", SECTIONS))
    assert "really Word (.docx)" in error.messages[0]


def test_extension_outside_the_allow_list_is_refused():
    error = refusal("run.exe", b"MZ\x90\x00")
    assert "not a file type we accept" in error.messages[0]
    assert "PDF" in error.messages[0]


def test_macro_enabled_office_file_is_refused():
    docx = build_docx("Guide", SECTIONS)
    macro = rezip(
        docx,
        replace={
            "[Content_Types].xml": lambda xml: xml.replace(
                b"wordprocessingml.document.main+xml", b"x"
            ).replace(b"application/x", b"application/vnd.ms-word.document.macroEnabled.main+xml")
        },
        add={"word/vbaProject.bin": b"\x00" * 64},
    )
    error = refusal("guide.docx", macro)
    assert "macros" in error.messages[0]


def test_encrypted_office_file_is_refused():
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000
    error = refusal("guide.docx", ole2)
    assert "password-protected" in error.messages[0]


def test_password_protected_pdf_is_refused():
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(build_pdf("T", SECTIONS))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    error = refusal("report.pdf", out.getvalue())
    assert "password-protected PDF" in error.messages[0]


def test_pdf_with_javascript_is_refused():
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(build_pdf("T", SECTIONS))))
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    out = io.BytesIO()
    writer.write(out)
    error = refusal("report.pdf", out.getvalue())
    assert "scripts" in error.messages[0]


def test_truncated_pdf_is_refused_as_damaged():
    data = build_pdf("T", SECTIONS)
    error = refusal("report.pdf", data[:200])
    assert "could not be read" in error.messages[0] or "no pages" in error.messages[0]


def test_zip_bomb_is_refused_before_it_is_expanded():
    bomb = rezip(build_docx("Guide", SECTIONS), add={"word/media/zeros.bin": b"\x00" * 8_000_000})
    error = refusal("guide.docx", bomb)
    assert "expands to far more data" in error.messages[0]


def test_zip_without_office_content_types_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = refusal("guide.docx", out.getvalue())
    assert "not an Office document" in error.messages[0]


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "C:\\Users\\me\\guide.pdf", ".hidden.pdf"]
)
def test_paths_in_file_names_are_refused(name):
    # Django's upload parser strips paths from browser uploads; other callers may not.
    upload_file = File(io.BytesIO(build_pdf("T", SECTIONS)), name=name)
    with pytest.raises(ValidationError, match="folder path"):
        inspect_upload(upload_file)


def test_size_limits_are_reported_in_human_units():
    error = refusal("guide.pdf", build_pdf("T", SECTIONS), max_size=100)
    assert "100\xa0bytes or smaller" in error.messages[0]
    assert "empty" in refusal("guide.pdf", b"").messages[0]


@pytest.mark.parametrize(
    ("fmt", "builder"),
    [("pdf", build_pdf), ("docx", build_docx), ("pptx", build_pptx)],
)
def test_text_is_extracted_from_each_format(fmt, builder):
    text = extract_text(io.BytesIO(builder("Guide", SECTIONS)), fmt)
    assert "Inducting new doctors" in text
    assert "A welcome for colleagues." in text


def test_extraction_failure_raises_a_single_error_type():
    with pytest.raises(ExtractionError):
        extract_text(io.BytesIO(b"not a pdf at all"), "pdf")
