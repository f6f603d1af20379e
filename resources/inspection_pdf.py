"""Active content in a PDF, found in the document pypdf parsed, never by searching its bytes.

A byte search misses names written with #xx escapes (`/J#61vaScript`) and anything inside a
compressed object stream. pypdf decodes both, so this walks every object reachable from the
document catalog (pages, annotations, outlines, name trees, the form) and looks at what each
dictionary *is*: an action of a kind that runs or fetches something, an embedded file, an XFA
form. pypdf has no such check of its own.
"""

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Action types (/S) refused wherever they appear: each runs code, starts a program, sends
# data out, pulls data in, or opens another file.
REFUSED_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/ImportData": "import_data",
    "/GoToR": "other_file",
    "/GoToE": "other_file",
    "/RichMediaExecute": "rich_media",
}
# A link the reader clicks is fine; a web address opened by itself (on opening the file, or
# a page, or on any other trigger in an /AA dictionary) is not.
AUTOMATIC_ACTIONS = {"/URI": "automatic_uri"}

# A real document has thousands of objects; a hostile one may have millions.
MAX_OBJECTS = 200_000
MAX_ACTION_CHAIN = 100


def pdf_active_content(reader):
    """The kind of active content in the document (a key of ACTIVE_CONTENT), or None."""
    root = reader.trailer["/Root"].get_object()
    if not isinstance(root, DictionaryObject):
        raise ValueError("The document catalog is not a dictionary")
    stack = [root]
    seen = set()
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            return "too_complex"
        if isinstance(item, DictionaryObject):
            found = dictionary_active_content(item)
            if found:
                return found
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def dictionary_active_content(item):
    action = resolve(item.get("/S"))
    if action in REFUSED_ACTIONS:
        return REFUSED_ACTIONS[action]
    if "/JS" in item or "/JavaScript" in item:
        return "javascript"
    if (
        "/EmbeddedFiles" in item
        or "/EF" in item
        or resolve(item.get("/Type")) == "/EmbeddedFile"
        or resolve(item.get("/Subtype")) == "/FileAttachment"
    ):
        return "embedded_file"
    if resolve(item.get("/Subtype")) == "/RichMedia":
        return "rich_media"
    if "/XFA" in item:
        return "xfa"
    automatic = []
    if "/OpenAction" in item:
        automatic.append(item["/OpenAction"])
    triggers = resolve(item.get("/AA"))
    if isinstance(triggers, DictionaryObject):
        automatic.extend(triggers.values())
    return automatic_action_content(automatic)


def automatic_action_content(actions):
    """What an action run without a click does, following each /Next chain."""
    pending = list(actions)
    for _step in range(MAX_ACTION_CHAIN):
        if not pending:
            return None
        action = resolve(pending.pop())
        if not isinstance(action, DictionaryObject):
            continue  # an /OpenAction may be a destination (an array): harmless
        kind = resolve(action.get("/S"))
        if kind in AUTOMATIC_ACTIONS:
            return AUTOMATIC_ACTIONS[kind]
        following = resolve(action.get("/Next"))
        if isinstance(following, ArrayObject):
            pending.extend(following)
        elif following is not None:
            pending.append(following)
    return "too_complex"


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value
