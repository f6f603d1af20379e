"""What the person who uploaded a refused file reads: what is wrong with it, what to do.

Every message names the file. The detectors (inspection_pdf, inspection_office) report a kind
of content; this turns it into words.
"""

from django.core.exceptions import ValidationError

# "could not be read as ...", by the format the file's name claims
READ_AS = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "pptx": "a PowerPoint presentation",
    "xlsx": "an Excel spreadsheet",
    "csv": "a CSV file",
    "ics": "an iCalendar file",
}

_RUNS = "which could run on the reader's computer"
_PLAIN_PDF = "save it again as a plain PDF (for example with 'Print to PDF') and upload that."
# What each kind of active content is, then what the person can do about it.
ACTIVE_CONTENT = {
    "javascript": (f"contains scripts (JavaScript), {_RUNS}", _PLAIN_PDF),
    "launch": ("contains an action that starts a program on the reader's computer", _PLAIN_PDF),
    "submit_form": ("contains a form that sends what the reader types to a website", _PLAIN_PDF),
    "import_data": ("contains an action that loads data from another file", _PLAIN_PDF),
    "other_file": ("contains an action that opens another file", _PLAIN_PDF),
    "automatic_uri": (
        "opens a web address by itself, without the reader clicking a link",
        _PLAIN_PDF,
    ),
    "embedded_file": (
        "contains an embedded file (an attachment inside the PDF), which could be a program",
        "save it again without its attachments, and send any attached document separately.",
    ),
    "rich_media": (f"contains embedded media or Flash, {_RUNS}", _PLAIN_PDF),
    "xfa": ("is a dynamic (XFA) form, with scripts that could run when it is read", _PLAIN_PDF),
    "macros": (
        f"contains macros, {_RUNS}",
        "save it as a plain {extension} without macros and upload it again.",
    ),
    "ole_object": (
        "contains an embedded object (OLE), which could start a program when it is opened",
        "remove the object, or paste it in as a picture, then upload it again.",
    ),
    "activex": (
        f"contains ActiveX controls, {_RUNS}",
        "remove the controls and upload it again.",
    ),
    "remote_template": (
        "is attached to a template stored elsewhere, which it would fetch when opened",
        "save it as a new document without the template, then upload it again.",
    ),
    "external_content": (
        "loads content from outside the file (a linked picture, frame, document or data) "
        "when it is opened",
        "insert the content itself instead of linking to it, then upload it again.",
    ),
    "imported_content": (
        "imports content from another file format (an embedded web page or document)",
        "copy the content in as ordinary text, then upload it again.",
    ),
    "dde": (
        "contains a DDE field or link, which can start programs on the reader's computer",
        "remove the field (in Word, Alt+F9 shows field codes) and upload it again.",
    ),
}


def damaged(label, fmt):
    return ValidationError(
        f"{label} could not be read as {READ_AS.get(fmt, 'a document')}: it may be damaged. "
        "Save it again from the program that made it, or send a different file.",
        code="file_damaged",
    )


def refuse_active_content(label, kind, fmt):
    if kind == "too_complex":
        raise ValidationError(
            f"{label} is too large or complex for us to check. Save a simpler version (for "
            "example with 'Print to PDF'), or send a different file.",
            code="file_too_complex",
        )
    if kind in ("bomb", "encrypted", "unsafe_path"):
        refuse_zip(label, kind)
    what, remedy = ACTIVE_CONTENT[kind]
    extension = f".{fmt}" if fmt in ("docx", "pptx", "xlsx") else ".docx, .pptx or .xlsx"
    raise ValidationError(
        f"{label} {what}: {remedy.format(extension=extension)}", code="file_active_content"
    )


def refuse_zip(label, problem):
    if problem == "encrypted":
        raise ValidationError(
            f"{label} is password-protected. Remove the password and upload it again.",
            code="file_encrypted",
        )
    if problem == "unsafe_path":
        raise ValidationError(
            f"{label} contains files with unsafe paths, so it was refused.",
            code="file_unsafe_path",
        )
    raise ValidationError(
        f"{label} expands to far more data than a real document would, so it was refused.",
        code="file_bomb",
    )
