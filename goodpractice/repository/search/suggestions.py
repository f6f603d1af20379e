""" "Did you mean …?": the query with each word that the index does not know replaced by the
closest word it does.

The word list is the search index itself, so it is always current and needs no upkeep: on
SQLite, FTS5's own vocabulary (every word of every entry, with how many entries hold it),
compared with difflib; on PostgreSQL, which keeps only stems in its index, the words of the
entries' stored text, found through the GIN index and ranked by pg_trgm's trigram similarity.
Both read a bounded part of it (backend.near_words), and only when the text found nothing:
a query matches only if the index holds every one of its words, so there is nothing to
correct once it matches anything.
"""

from difflib import SequenceMatcher

from goodpractice.repository.search import backend
from goodpractice.repository.search.text import ENGLISH_STOP_WORDS, index_terms, search_words

SHORTEST_CORRECTED = 4  # shorter words are too ambiguous to correct
WORDS_CORRECTED = 6  # at most this many words of a query are looked up
CLOSENESS = 0.75  # difflib's ratio (0 to 1) a suggestion needs on SQLite


def did_you_mean(query):
    """A corrected `query` (plain words), or None if every word is known or has no near one."""
    words = search_words(query).split()
    corrected, changed, looked_up = [], False, 0
    for word in words:
        terms = index_terms(word)
        term = terms[0] if len(terms) == 1 else ""
        if (
            not term
            or len(term) < SHORTEST_CORRECTED
            or term in ENGLISH_STOP_WORDS
            or not term.isalpha()
            or looked_up >= WORDS_CORRECTED
        ):
            corrected.append(word)
            continue
        looked_up += 1
        if backend.is_known_word(term):
            corrected.append(word)
            continue
        nearest = closest_word(term)
        corrected.append(nearest or word)
        changed = changed or bool(nearest)
    return " ".join(corrected) if changed else None


def closest_word(term):
    """The index's word nearest `term` (same first letters, similar length), or None."""
    candidates = backend.near_words(term, len(term) - 2, len(term) + 2)
    scored = []
    for word, entries in candidates:
        if word == term or not word.isalpha():
            continue
        ratio = SequenceMatcher(None, term, word).ratio()
        if ratio >= CLOSENESS:
            scored.append((-ratio, -entries, word))
    return min(scored)[2] if scored else None
