"""Searching the repository: text (text.py), matches from the search backend (backend.py),
filters (facets.py), the results shown (results.py) and one search put together
(repository_search.py)."""

from .repository_search import ITEMS_PER_PAGE, RepositorySearch, SearchState
from .results import fetch_results
from .text import clean_query_text, search_words

__all__ = [
    "ITEMS_PER_PAGE",
    "RepositorySearch",
    "SearchState",
    "clean_query_text",
    "fetch_results",
    "search_words",
]
