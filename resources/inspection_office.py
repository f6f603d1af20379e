"""Zip safety and active content in Office Open XML packages (.docx, .pptx, .xlsx).

python-docx, python-pptx and openpyxl read documents; none of them says whether one carries
macros, OLE objects, ActiveX controls, a remote template, links that fetch content when the
file opens, or DDE fields. Those all show in the package itself: its [Content_Types].xml, its
relationship (.rels) parts and a few XML parts, read here with zipfile and defusedxml, each
member through a size cap so that a zip bomb never expands.
"""

import posixpath
import re
import zipfile

from defusedxml import ElementTree

# Zip bomb limits: a genuine document of a few MB expands to tens of MB at most.
MAX_ZIP_ENTRIES = 5_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_METADATA_PART_BYTES = 5 * 1024 * 1024  # [Content_Types].xml, .rels, docProps/app.xml
MAX_NESTING = 1  # an embedded workbook (a chart's data) is checked; one inside it is refused

CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# Relationship types (the last part of the Type URI) that are active content however they
# are stored; an external relationship (TargetMode="External") is refused unless it is a
# hyperlink, which only opens when the reader clicks it.
ACTIVE_RELATIONSHIPS = {
    "vbaProject": "macros",
    "wordVbaData": "macros",
    "oleObject": "ole_object",
    "control": "activex",
    "activeXControlBinary": "activex",
    "aFChunk": "imported_content",
}
EXTERNAL_RELATIONSHIPS_ALLOWED = {"hyperlink"}
EXTERNAL_RELATIONSHIPS = {"attachedTemplate": "remote_template"}
# Embedded Office files (a chart's workbook) are normal and checked in turn; anything else in
# an embeddings folder is an OLE object (oleObject1.bin, an old .doc or .xls, a program).
EMBEDDED_PACKAGES = (".docx", ".pptx", ".xlsx")
DDE_FIELD = re.compile(r"(?<![a-z])dde(auto)?(?![a-z])", re.IGNORECASE)
WORD_PARTS = re.compile(
    r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments|glossary/document)\.xml"
)
SHEET_PARTS = re.compile(r"xl/worksheets/[^/]+\.xml")
EXTERNAL_LINK_PARTS = re.compile(r"xl/externallinks/[^/]+\.xml")


class PackageTooLarge(Exception):
    """A member is larger than a real document's would be."""


def zip_problem(entries):
    """'bomb', 'encrypted' or 'unsafe_path' if the archive must not be opened, else None."""
    if len(entries) > MAX_ZIP_ENTRIES:
        return "bomb"
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            return "encrypted"
        total += entry.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            return "bomb"
        if entry.file_size > 1024 * 1024 and entry.file_size > (
            MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        ):
            return "bomb"
        normalised = posixpath.normpath(entry.filename)
        if entry.filename.startswith("/") or normalised.startswith(".."):
            return "unsafe_path"
    return None


def verify_members(archive):
    """Read every member through, so that zipfile checks its CRC: a damaged part is found
    now, not by the reader's Office program. Raises zipfile.BadZipFile."""
    for entry in archive.infolist():
        with archive.open(entry) as member:
            while member.read(1024 * 1024):
                pass


def read_member(archive, name, limit=MAX_METADATA_PART_BYTES):
    """A member's bytes, never more than `limit` of them (zipfile stops at the declared size,
    which zip_problem has already checked)."""
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise PackageTooLarge(name)
    return data


def parse_content_types(archive):
    """The content types the package declares, by Override and Default."""
    tree = ElementTree.fromstring(read_member(archive, CONTENT_TYPES))
    overrides = {
        element.get("ContentType", "") for element in tree.iter(f"{CONTENT_TYPES_NS}Override")
    }
    defaults = {
        element.get("ContentType", "") for element in tree.iter(f"{CONTENT_TYPES_NS}Default")
    }
    return overrides, defaults


def office_active_content(archive, depth=0):
    """The kind of active content in an opened package (a key of ACTIVE_CONTENT), or None."""
    entries = archive.infolist()
    problem = zip_problem(entries)
    if problem:
        return problem
    names = {entry.filename: entry.filename.lower() for entry in entries}
    overrides, defaults = parse_content_types(archive)
    for content_type in overrides | defaults:
        lowered = content_type.lower()
        if "macro" in lowered or "vbaproject" in lowered:
            return "macros"
        if "oleobject" in lowered:
            return "ole_object"
        if "activex" in lowered:
            return "activex"
    for name, lowered in names.items():
        found = member_active_content(archive, name, lowered, depth)
        if found:
            return found
    return None


def member_active_content(archive, name, lowered, depth):
    base = posixpath.basename(lowered)
    if base in ("vbaproject.bin", "vbadata.xml") or "/macrosheets/" in f"/{lowered}":
        return "macros"
    if lowered.startswith(("word/activex/", "ppt/activex/", "xl/activex/")):
        return "activex"
    if "/embeddings/" in f"/{lowered}" and base:
        return embedded_package_content(archive, name, lowered, depth)
    if lowered.endswith(".rels"):
        return relationships_active_content(read_member(archive, name))
    if WORD_PARTS.fullmatch(lowered):
        return word_fields_content(archive, name)
    if EXTERNAL_LINK_PARTS.fullmatch(lowered):
        return xml_content(archive, name, external_link_element)
    if SHEET_PARTS.fullmatch(lowered):
        return xml_content(archive, name, sheet_formula_element)
    return None


def embedded_package_content(archive, name, lowered, depth):
    if not lowered.endswith(EMBEDDED_PACKAGES) or depth >= MAX_NESTING:
        return "ole_object"
    with archive.open(name) as member, zipfile.ZipFile(member) as inner:
        if CONTENT_TYPES not in inner.namelist():
            return "ole_object"
        return office_active_content(inner, depth + 1)


def relationships_active_content(data):
    for relationship in ElementTree.fromstring(data).iter(f"{RELATIONSHIPS_NS}Relationship"):
        kind = relationship.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        if kind in ACTIVE_RELATIONSHIPS:
            return ACTIVE_RELATIONSHIPS[kind]
        if relationship.get("TargetMode", "").lower() == "external":
            if kind in EXTERNAL_RELATIONSHIPS_ALLOWED:
                continue
            return EXTERNAL_RELATIONSHIPS.get(kind, "external_content")
    return None


def word_fields_content(archive, name):
    """DDE and DDEAUTO fields. A field's code may be split over several runs, so the codes
    of a part are joined (a separator where each field begins) before they are searched."""
    codes = []
    with archive.open(name) as part:
        for _event, element in ElementTree.iterparse(part):
            if element.tag == f"{WORD_NS}instrText":
                codes.append(element.text or "")
            elif element.tag == f"{WORD_NS}fldChar":
                codes.append("\n")
            elif element.tag == f"{WORD_NS}fldSimple":
                codes.append(f"\n{element.get(f'{WORD_NS}instr', '')}\n")
            element.clear()
    return "dde" if DDE_FIELD.search("".join(codes)) else None


def xml_content(archive, name, check):
    with archive.open(name) as part:
        for _event, element in ElementTree.iterparse(part):
            found = check(element)
            if found:
                return found
            element.clear()
    return None


def external_link_element(element):
    if element.tag == f"{SPREADSHEET_NS}ddeLink":
        return "dde"
    if element.tag == f"{SPREADSHEET_NS}oleLink":
        return "ole_object"
    return None


def sheet_formula_element(element):
    # A DDE formula is application|topic!item (=cmd|' /C calc'!A0); no other formula has "|".
    if element.tag == f"{SPREADSHEET_NS}f" and "|" in (element.text or ""):
        return "dde"
    return None
