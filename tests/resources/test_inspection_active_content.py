"""Active content is found in the parsed document, however its bytes are disguised."""

import io
import re
import struct
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pptx
import pypdf
import pytest
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from resources.builders import build_docx, build_pdf, build_pptx, build_xlsx
from resources.inspection import ALL_FORMATS, inspect_upload
from resources.models import ResourceDocument

SECTIONS = [("Panels", "Diverse interview panels."), ("Adverts", "Plain language.")]
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def refusal(name, data):
    with pytest.raises(ValidationError) as caught:
        inspect_upload(SimpleUploadedFile(name, data), allowed=ALL_FORMATS)
    (message,) = caught.value.messages
    assert f"“{name}”" in message
    return message


def accepted(name, data):
    return inspect_upload(SimpleUploadedFile(name, data), allowed=ALL_FORMATS)


# PDF ------------------------------------------------------------------------------------


def written(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_writer():
    return pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(build_pdf("T", SECTIONS))))


def action(kind, **entries):
    return DictionaryObject(
        {NameObject("/S"): NameObject(kind), **{NameObject(k): v for k, v in entries.items()}}
    )


def with_annotation(annotation):
    writer = pdf_writer()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 100, 30)]),
            **annotation,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return written(writer)


def link(target_action):
    return with_annotation(
        {NameObject("/Subtype"): NameObject("/Link"), NameObject("/A"): target_action}
    )


def raw_pdf(*objects):
    """A PDF written by hand, so its bytes are exactly what the test says (objects from 1)."""
    body, offsets = b"%PDF-1.7\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def pdf_with_object_stream(open_action):
    """Catalog and its /OpenAction compressed in an object stream, found by an xref stream."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    packed, pairs = b"", []
    for number, obj in ((1, catalog), (4, open_action)):
        pairs.append(b"%d %d" % (number, len(packed)))
        packed += obj + b"\n"
    head = b" ".join(pairs) + b"\n"
    stream = zlib.compress(head + packed)
    body, offsets = b"%PDF-1.5\n", {}
    for number, obj in ((2, PAGES), (3, PAGE)):
        offsets[number] = len(body)
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    offsets[5] = len(body)
    body += (
        b"5 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(head), len(stream))
        + stream
        + b"\nendstream\nendobj\n"
    )
    offsets[6] = len(body)
    rows = [(0, 0, 65535), (2, 5, 0), (1, offsets[2], 0), (1, offsets[3], 0), (2, 5, 1)]
    rows += [(1, offsets[5], 0), (1, offsets[6], 0)]
    xref = b"".join(struct.pack(">BIH", *row) for row in rows)
    body += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(xref)
        + xref
        + b"\nendstream\nendobj\n"
    )
    return body + b"startxref\n%d\n%%%%EOF\n" % offsets[6]


def test_a_plain_pdf_with_an_ordinary_web_link_is_accepted():
    data = link(action("/URI", **{"/URI": TextStringObject("https://www.england.nhs.uk/")}))
    assert accepted("guide.pdf", data).page_count == 2


def test_javascript_run_on_opening_is_refused():
    writer = pdf_writer()
    writer.add_open_action(JavaScript("app.alert('hello');"))
    assert "contains scripts (JavaScript)" in refusal("report.pdf", written(writer))


def test_document_level_javascript_in_the_names_tree_is_refused():
    writer = pdf_writer()
    script = writer._add_object(action("/JavaScript", **{"/JS": TextStringObject("app.beep()")}))
    names = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("init"), script])}
    )
    writer.root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(names)}
    )
    assert "scripts" in refusal("report.pdf", written(writer))


def test_hex_escaped_names_are_read_as_what_they_spell():
    data = raw_pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", PAGES, PAGE,
                   b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>")  # fmt: skip
    assert b"/JavaScript" not in data
    assert "scripts" in refusal("report.pdf", data)
    launch = raw_pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", PAGES, PAGE,
                     b"<< /S /L#61unch /F (calc.exe) >>")  # fmt: skip
    assert b"/Launch" not in launch
    assert "starts a program" in refusal("report.pdf", launch)


def test_javascript_inside_a_compressed_object_stream_is_refused():
    data = pdf_with_object_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    assert b"JavaScript" not in data
    assert "scripts" in refusal("report.pdf", data)
    # The same structure with a harmless destination is read, and accepted.
    assert accepted("report.pdf", pdf_with_object_stream(b"[3 0 R /Fit]")).page_count == 1


def test_launch_on_opening_is_refused():
    writer = pdf_writer()
    writer.root_object[NameObject("/OpenAction")] = action(
        "/Launch", **{"/F": TextStringObject("cmd.exe")}
    )
    assert "starts a program" in refusal("report.pdf", written(writer))


def test_a_web_address_opened_by_itself_is_refused():
    writer = pdf_writer()
    writer.root_object[NameObject("/OpenAction")] = action(
        "/URI", **{"/URI": TextStringObject("https://tracker.example/")}
    )
    assert "opens a web address by itself" in refusal("report.pdf", written(writer))


def test_a_web_address_opened_with_a_page_or_after_another_action_is_refused():
    writer = pdf_writer()
    uri = action("/URI", **{"/URI": TextStringObject("https://tracker.example/")})
    writer.pages[1][NameObject("/AA")] = DictionaryObject({NameObject("/O"): uri})
    assert "opens a web address by itself" in refusal("report.pdf", written(writer))
    writer = pdf_writer()
    writer.root_object[NameObject("/OpenAction")] = action("/Named", **{"/N": NameObject("/X"),
                                                                        "/Next": uri})  # fmt: skip
    assert "opens a web address by itself" in refusal("report.pdf", written(writer))


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("/JavaScript", "scripts"),
        ("/Launch", "starts a program"),
        ("/SubmitForm", "sends what the reader types"),
        ("/ImportData", "loads data from another file"),
        ("/GoToR", "opens another file"),
        ("/GoToE", "opens another file"),
    ],
)
def test_actions_behind_a_link_are_refused_by_kind(kind, message):
    data = link(action(kind, **{"/F": TextStringObject("other.pdf")}))
    assert message in refusal("report.pdf", data)


def test_an_embedded_file_is_refused():
    writer = pdf_writer()
    writer.add_attachment("setup.exe", b"MZ\x90\x00 a program")
    assert "embedded file" in refusal("report.pdf", written(writer))


def test_a_file_attachment_annotation_is_refused():
    data = with_annotation({NameObject("/Subtype"): NameObject("/FileAttachment")})
    assert "embedded file" in refusal("report.pdf", data)


def test_an_xfa_form_is_refused():
    writer = pdf_writer()
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): TextStringObject("<xdp:xdp/>"),
        }
    )
    assert "XFA" in refusal("report.pdf", written(writer))


def test_a_damaged_pdf_gets_the_damaged_message():
    data = build_pdf("T", SECTIONS)
    message = refusal("report.pdf", data[:400] + b"\xff" * 200 + data[-300:])
    assert "could not be read as a PDF: it may be damaged" in message
    assert "Save it again from the program that made it" in message


# Office ---------------------------------------------------------------------------------


def rezip(data, replace=None, add=None):
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


def rels(*relationships):
    items = "".join(
        f'<Relationship Id="rId{n}" Type="{REL}/{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for n, (kind, target, external) in enumerate(relationships, start=900)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    ).encode()


def with_document_rels(data, *relationships, part="word/_rels/document.xml.rels"):
    def add(xml):
        extra = rels(*relationships).split(b'relationships">', 1)[1]
        return xml.replace(b"</Relationships>", extra)

    return rezip(data, replace={part: add})


def with_body(fields_xml):
    def add(xml):
        return xml.replace(b"<w:body>", b"<w:body><w:p>" + fields_xml + b"</w:p>", 1)

    return rezip(build_docx("Plan", SECTIONS), replace={"word/document.xml": add})


DOCX = build_docx("Plan", SECTIONS)


def test_a_plain_docx_with_an_external_hyperlink_is_accepted():
    data = with_document_rels(DOCX, ("hyperlink", "https://www.england.nhs.uk/", True))
    assert accepted("plan.docx", data).format == "docx"


def test_a_macro_project_is_refused_even_without_a_macro_content_type():
    data = rezip(DOCX, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60})
    message = refusal("plan.docx", data)
    assert "contains macros, which could run on the reader's computer" in message
    assert "save it as a plain .docx without macros" in message


def test_a_macro_enabled_content_type_is_refused():
    data = rezip(DOCX, replace={"[Content_Types].xml": lambda xml: xml.replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/'
        b'vnd.ms-office.vbaProject"/></Types>')})  # fmt: skip
    assert "macros" in refusal("plan.docx", data)


def test_an_embedded_ole_object_is_refused():
    data = rezip(DOCX, add={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60})
    assert "embedded object (OLE)" in refusal("plan.docx", data)
    data = with_document_rels(DOCX, ("oleObject", "embeddings/x.bin", False))
    assert "embedded object (OLE)" in refusal("plan.docx", data)


def test_an_activex_control_is_refused():
    data = rezip(DOCX, add={"word/activeX/activeX1.xml": b"<ax:ocx/>"})
    assert "ActiveX" in refusal("plan.docx", data)


def test_a_remote_template_is_refused():
    data = rezip(
        DOCX,
        add={
            "word/_rels/settings.xml.rels": rels(
                ("attachedTemplate", "https://attacker.example/t.dotm", True)
            )
        },
    )
    assert "template stored elsewhere" in refusal("plan.docx", data)


@pytest.mark.parametrize("kind", ["frame", "subDocument", "image", "oleObject"])
def test_other_external_relationships_are_refused(kind):
    message = refusal("plan.docx", with_document_rels(DOCX, (kind, "https://x.example/a", True)))
    assert "from outside the file" in message or "embedded object" in message


@pytest.mark.parametrize(
    "field",
    [
        b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
        b'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"</w:instrText></w:r>'
        b'<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        # The field code split over two runs, as Word often saves it.
        b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DD</w:instrText></w:r>'
        b'<w:r><w:instrText>E cmd "/c calc"</w:instrText></w:r>'
        b'<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        b'<w:fldSimple w:instr=" DDE cmd &quot;/c calc&quot;">'
        b"<w:r><w:t>x</w:t></w:r></w:fldSimple>",
    ],
)
def test_dde_fields_are_refused(field):
    assert "DDE field" in refusal("plan.docx", with_body(field))


def test_ordinary_fields_are_accepted():
    field = (
        b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK '
        b'"https://hidden.example/" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/>'
        b'</w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
    assert accepted("plan.docx", with_body(field)).format == "docx"


def test_a_presentation_with_a_chart_is_accepted_but_one_with_an_ole_object_is_not():
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])
    chart = CategoryChartData()
    chart.categories = ["2024", "2025"]
    chart.add_series("Learners", (120, 180))
    slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(6), Inches(4), chart
    )
    out = io.BytesIO()
    presentation.save(out)
    with_chart = out.getvalue()
    assert any("embeddings/" in n for n in zipfile.ZipFile(io.BytesIO(with_chart)).namelist())
    assert accepted("slides.pptx", with_chart).format == "pptx"
    ole = rezip(build_pptx("S", SECTIONS), add={"ppt/embeddings/oleObject1.bin": b"\0" * 64})
    assert "embedded object (OLE)" in refusal("slides.pptx", ole)


def test_a_macro_inside_an_embedded_workbook_is_refused():
    inner = rezip(build_xlsx("S", [("a", 1)]), add={"xl/vbaProject.bin": b"\0" * 64})
    data = rezip(build_pptx("S", SECTIONS), add={"ppt/embeddings/Sheet1.xlsx": inner})
    assert "macros" in refusal("slides.pptx", data)


def test_dde_in_a_workbook_is_refused():
    xlsx = build_xlsx("S", [("a", 1)])
    link = rezip(xlsx, add={"xl/externalLinks/externalLink1.xml": (
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>')})  # fmt: skip
    assert "DDE" in refusal("sheet.xlsx", link)

    def formula(xml):
        return xml.replace(b"<v>1</v>", b"<f>cmd|' /C calc'!A0</f><v>1</v>", 1)

    sheet = next(n for n in zipfile.ZipFile(io.BytesIO(xlsx)).namelist() if "worksheets/" in n)
    assert "DDE" in refusal("sheet.xlsx", rezip(xlsx, replace={sheet: formula}))


def test_excel_4_macro_sheets_are_refused():
    data = rezip(build_xlsx("S", [("a", 1)]), add={"xl/macrosheets/sheet1.xml": b"<x/>"})
    assert "macros" in refusal("sheet.xlsx", data)


def test_a_damaged_docx_gets_the_damaged_message():
    data = bytearray(DOCX)
    data[len(data) // 2 : len(data) // 2 + 400] = b"\0" * 400
    message = refusal("plan.docx", bytes(data))
    assert "could not be read as a Word document: it may be damaged" in message


@pytest.mark.parametrize("pages", [b"99999999999999999999", "\u00b2".encode(), b"-3"])
def test_a_page_count_in_the_metadata_that_is_not_a_small_number_is_ignored(pages):
    def app(xml):
        return re.sub(rb"<Pages>[^<]*</Pages>", b"<Pages>" + pages + b"</Pages>", xml)

    data = rezip(DOCX, replace={"docProps/app.xml": app})
    assert accepted("plan.docx", data).page_count is None


# CSV and old formats ----------------------------------------------------------------------


def test_csv_cells_that_would_run_as_formulas_are_refused():
    message = refusal("dates.csv", b'name,date\nEid,2026-03-20\n"=HYPERLINK(""x"")",1\n')
    assert "run as a formula (row 3" in message
    assert "formula" in refusal("dates.csv", b"a,b\n-cmd|' /C calc'!A0,1\n")
    assert "formula" in refusal("dates.csv", b"a,b\n@SUM(1+1)*cmd,1\n")


def test_csv_numbers_phone_numbers_and_handles_are_accepted():
    data = b"name,change,phone,handle\nA,-5,+44 (0)20 7946 0000,@nhsengland\nB,+3.5,,\n"
    assert accepted("figures.csv", data).format == "csv"


def test_old_office_formats_are_not_accepted():
    assert "not a file type we accept" in refusal("plan.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 60)
    assert "old Office format" in refusal("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 9)


# Admin upload -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", build_pdf("T", SECTIONS)[:300] + b"\0" * 99, "could not be read as a PDF"),
        ("plan.docx", DOCX[:2000], "could not be read as a Word document"),
        ("plan.docx", rezip(DOCX, add={"word/vbaProject.bin": b"\0"}), "contains macros"),
    ],
)
def test_the_admin_upload_names_the_file_and_keeps_the_form(admin_client, name, data, message):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Inclusive recruitment guide",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "language": "en",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"“{name}”" in html
    assert message in html
    assert 'value="Inclusive recruitment guide"' in html
    assert not ResourceDocument.objects.exists()
