"""Seed files and a fixed, seeded list of damaged versions of them, for the fuzz tests.

Each case is made by a random.Random seeded with its format's name, so every run (and CI)
checks exactly the same files; a failure names the case number, which is enough to rebuild it.
"""

import functools
import io
import random
import zipfile

import openpyxl
import pypdf
from pypdf.actions import JavaScript
from pypdf.generic import NameObject, NumberObject

from resources.builders import build_docx, build_pdf, build_pptx, build_xlsx

SECTIONS = [("Panels", "Diverse interview panels."), ("Adverts", "Plain language.")]
# Values that parsers tend to mishandle when they turn up where something else was expected.
NASTY = [
    b"\x00",
    b"\xff" * 8,
    b"-1",
    b"0",
    b"99999999999999999999",
    b"1e308",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b"0 0 R",
    b"/Kids [1 0 R]",
    b"endobj",
    b"stream\n",
    b"<w:p>",
    b"</w:body>",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    b"&a;",
    b"PK\x03\x04",
    b"PK\x05\x06",
]
PDF_TOKENS = [b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref",
              b"/Type", b"/Pages", b"/Kids", b"/Count", b"/Length", b"/Filter", b"/Root", b"R",
              b"/Parent", b"/Contents", b"/Resources", b"/Font", b"/FlateDecode"]  # fmt: skip


def pdf_seeds():
    plain = build_pdf("Guide", SECTIONS)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(plain)))
    writer.add_open_action(JavaScript("app.alert(1)"))
    writer.add_attachment("notes.txt", b"hello")
    scripted = io.BytesIO()
    writer.write(scripted)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(plain)))
    writer.pages[0][NameObject("/Rotate")] = NumberObject(90)
    writer.compress_identical_objects()
    rewritten = io.BytesIO()
    writer.write(rewritten)
    return [plain, scripted.getvalue(), rewritten.getvalue()]


def xlsx_seed():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Observance", "Date", "Days"])
    sheet.append(["Eid al-Fitr", "2026-03-20", 1])
    sheet["C3"] = "=SUM(C2:C2)"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


SEEDS = {
    "pdf": pdf_seeds,
    "docx": lambda: [build_docx("Guide", SECTIONS), build_docx("Long", SECTIONS * 8)],
    "pptx": lambda: [build_pptx("Slides", SECTIONS)],
    "xlsx": lambda: [build_xlsx("Sheet", [("a", 1), ("b", 2)]), xlsx_seed()],
    "csv": lambda: [
        b"name,date,region\r\nEid al-Fitr,2026-03-20,North East\r\n"
        b'"Diwali, festival",2026-11-08,\r\n',
        "\ufeffnom,date\nNo\u00ebl,2026-12-25\n".encode(),
    ],
}


def positions(data, token, limit=200):
    found, at = [], data.find(token)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = data.find(token, at + 1)
    return found


def flip(rng, data, _seeds):
    data = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        data[rng.randrange(len(data))] ^= rng.randint(1, 255)
    return bytes(data)


def truncate(rng, data, _seeds):
    return data[: rng.randrange(len(data))]


def cut(rng, data, _seeds):
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 2000) :]


def splice(rng, data, seeds):
    other = rng.choice(seeds)
    start, begin = rng.randrange(len(data)), rng.randrange(len(other))
    return data[:start] + other[begin : begin + rng.randint(1, 4000)] + data[start:]


def duplicate(rng, data, _seeds):
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 3000)]
    return data[:start] + chunk * rng.randint(2, 6) + data[start:]


def insert_nasty(rng, data, _seeds):
    start = rng.randrange(len(data))
    return data[:start] + rng.choice(NASTY) + data[start + rng.randint(0, 4) :]


def pdf_token(rng, data, _seeds):
    """Replace one PDF keyword with another, or with a nasty value: deeper than a byte flip."""
    token = rng.choice(PDF_TOKENS)
    places = positions(data, token)
    if not places:
        return flip(rng, data, _seeds)
    at = rng.choice(places)
    replacement = rng.choice(PDF_TOKENS + NASTY)
    return data[:at] + replacement + data[at + len(token) :]


def zip_member(rng, data, seeds):
    """Damage one member's content but write a valid zip, so the XML and Office parsers see it."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        infos = source.infolist()
        victim = rng.choice(infos).filename
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:  # stored: quick, and the parsers see the same
            for info in infos:
                content = source.read(info.filename)
                if info.filename == victim and content:
                    operator = rng.choice([flip, truncate, cut, duplicate, insert_nasty])
                    content = operator(rng, content, seeds)
                target.writestr(info.filename, content)
        return out.getvalue()
    except Exception:  # the seed was already damaged by an earlier step: damage it further
        return flip(rng, data, seeds)


def zip_header(rng, data, seeds):
    """Overwrite a field of a local or central directory header (sizes, method, offsets)."""
    signature = rng.choice([b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"])
    places = positions(data, signature)
    if not places:
        return flip(rng, data, seeds)
    at = rng.choice(places) + rng.randrange(4, 30)
    field = rng.choice([b"\xff\xff", b"\x00\x00", b"\x63\x00", b"\x0e\x00", b"\xff\xff\xff\x7f"])
    return data[:at] + field + data[at + len(field) :]


BYTE_OPERATORS = [flip, truncate, cut, splice, duplicate, insert_nasty]
OPERATORS = {
    "pdf": [*BYTE_OPERATORS, pdf_token, pdf_token, pdf_token],
    "docx": [*BYTE_OPERATORS, zip_member, zip_member, zip_member, zip_header, zip_header],
    "csv": BYTE_OPERATORS,
}
OPERATORS["pptx"] = OPERATORS["xlsx"] = OPERATORS["docx"]


@functools.cache
def cases(fmt, count):
    """(file name, bytes) for `count` damaged versions of the seed files of `fmt`."""
    rng = random.Random(f"fuzz-{fmt}")  # noqa: S311 (reproducible test data, not secrets)
    seeds = SEEDS[fmt]()
    made = []
    for number in range(count):
        data = rng.choice(seeds)
        for _ in range(rng.randint(1, 3)):
            if data:
                data = rng.choice(OPERATORS[fmt])(rng, data, seeds)
        made.append((f"case-{number:03d}.{fmt}", data))
    return tuple(made)
