"""A visitor's search text: cleaned, split into words, stemmed and highlighted."""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

import snowballstemmer

MAX_QUERY_LENGTH = 200


def clean_query_text(raw):
    """Drop control characters, collapse whitespace and cut very long input at a word.

    Control characters (a NUL, say) can be neither stored by PostgreSQL nor written in a feed's
    XML, and no one searches for them.
    """
    printable = "".join(char if char.isprintable() else " " for char in raw or "")
    text = " ".join(printable.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
    return cut, True


_stemmer = snowballstemmer.stemmer("english")
_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(text):
    """The words of a query, without the punctuation that search syntaxes treat as operators.

    SQLite's FTS5 rejects a query with a stray quote or bracket, and PostgreSQL only indexes
    words anyway, so both backends get the same plain words.
    """
    return " ".join(_WORD.findall(text))


@functools.lru_cache(maxsize=20_000)
def stem(word):
    """A word's English (Snowball) stem, as PostgreSQL's "english" configuration makes it.

    Remembered: highlighting stems every word of every result shown, from a small vocabulary.
    """
    return _stemmer.stemWord(word.lower())


# PostgreSQL's English stop words (tsearch_data/english.stop, the Snowball list): its "english"
# configuration drops them from documents and queries alike, and so does the SQLite search.
ENGLISH_STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now""".split()  # noqa: SIM905
)


def index_terms(text):
    """A query's words as SQLite's FTS5 (unicode61) stores them: lower case, accents removed,
    without the English stop words; each once, in order."""
    terms = []
    for word in _WORD.findall(text):
        decomposed = unicodedata.normalize("NFKD", word.lower())
        term = "".join(char for char in decomposed if not unicodedata.combining(char))
        for part in re.findall(r"[^\W_]+", term):
            if part not in ENGLISH_STOP_WORDS and part not in terms:
                terms.append(part)
    return terms


def query_stems(text):
    return {stem(word) for word in _WORD.findall(text)}


def highlight(text, stems):
    """Escape `text`, then wrap words whose English stem matches the query's in <mark>.

    PostgreSQL matches with the same Snowball English stemmer, so "inducting" marks
    "induction". Escaping comes first: nothing an author or searcher typed reaches the page raw.
    """
    if not stems:
        return escape(text)
    pieces, position = [], 0
    for match in _WORD.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        word = match.group()
        if stem(word) in stems:
            pieces.append(f"<mark>{escape(word)}</mark>")
        else:
            pieces.append(escape(word))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
