"""The repository's discovery views: search and filters, theme and region pages and their
lists, the coverage grid and autocomplete. Thin: the query logic is in
goodpractice.repository.search, the facet index and the item QuerySet."""

import math
from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone

from wagtail import hooks
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from goodpractice.repository import facet_index
from goodpractice.repository.classifications import BY_KEY, COVERAGE_COLUMNS, COVERAGE_ROWS
from goodpractice.repository.items import GoodPracticeItemPage
from goodpractice.repository.search import RepositorySearch, clean_query_text, search_words
from goodpractice.repository.search.suggestions import did_you_mean

AUTOCOMPLETE_LIMIT = 8
AUTOCOMPLETE_MIN_LENGTH = 2
AUTOCOMPLETE_MAX_LENGTH = 100
# Each function registered under this hook is called with the text of a new search, without
# filters, that found nothing (the site search app lists them for editors).
FOUND_NOTHING_HOOK = "search_found_nothing"


def _links(repository, search, scope=()):
    """Feed and download addresses for the current search, scope (e.g. theme) included."""
    query = "&".join(part for part in (urlencode(scope), search.state.params()) if part)
    suffix = f"?{query}" if query else ""
    return {
        "feed_atom_url": repository.url_for_route("feed_atom") + suffix,
        "feed_rss_url": repository.url_for_route("feed_rss") + suffix,
        "export_csv_url": repository.url_for_route("export_csv") + suffix,
        "export_json_url": repository.url_for_route("export_json") + suffix,
    }


def _search_context(repository, request, search, scope=(), form_action=None):
    form_action = form_action or repository.url
    promotions = []
    suggestion = None
    if search.state.q:
        new_search = search.state.page in ("", "1")
        logged_query = log_search(search.state.q, hit=new_search)
        promotions = list(
            logged_query.editors_picks.filter(
                Q(page__isnull=True) | Q(page__live=True)
            ).select_related("page")
        )
        if search.text_matches.empty:  # a text that matches anything has only known words
            suggestion = did_you_mean(search.state.q)
        if search.total == 0 and new_search and not search.state.has_filters:
            for found_nothing in hooks.get_hooks(FOUND_NOTHING_HOOK):
                found_nothing(search.state.q)
    return {
        "search": search,
        "form_action": form_action,
        "clear_url": form_action,
        "clear_filters_url": form_action
        + (f"?{urlencode({'q': search.state.q})}" if search.state.q else ""),
        "state": search.state,
        "items": search.page,
        "promotions": promotions,
        "suggestion": suggestion,
        "suggestion_url": _suggestion_url(form_action, search, suggestion),
        "themes_url": repository.url_for_route("themes_list"),
        "regions_url": repository.url_for_route("regions_list"),
        "coverage_url": repository.url_for_route("coverage"),
        "autocomplete_url": repository.url_for_route("autocomplete"),
        **_links(repository, search, scope),
    }


def _suggestion_url(form_action, search, suggestion):
    """The same search (filters and sort kept) with the suggested text."""
    if not suggestion:
        return ""
    params = search.state.params(without=("q", search.state.q))
    return f"{form_action}?{urlencode({'q': suggestion})}" + (f"&{params}" if params else "")


# Wagtail's search-term log in one statement: the query's row (made if new) and, for a
# new search, today's hit; with `outermost`, committed without waiting for the disk.
_LOG_SEARCH = """
WITH logged AS (
    INSERT INTO {queries} AS logged (query_string) VALUES (%(query)s)
    ON CONFLICT (query_string) DO UPDATE SET query_string = logged.query_string
    RETURNING id
), hit AS (
    INSERT INTO {hits} AS daily (query_id, date, hits)
    SELECT id, %(day)s, 1 FROM logged WHERE %(hit)s
    ON CONFLICT (query_id, date) DO UPDATE SET hits = daily.hits + 1
)
SELECT id, CASE WHEN %(outermost)s THEN set_config('synchronous_commit', 'off', true) END
FROM logged
"""


def log_search(query_string, *, hit):
    """Wagtail's search-term log: the query's row, and today's hit if it is a new search (not
    a later page of one).

    Both writes are one transaction. On PostgreSQL they are one statement (Wagtail's own
    get_or_create and F() update took ten round trips: 5-10 ms a search), and it commits
    without waiting for the disk (`synchronous_commit` off, for this transaction only, so
    never when it is part of a larger one): a crash could lose the last few hit counts,
    never corrupt them, and the visitor does not wait for the log.
    """
    outermost = not connection.in_atomic_block
    if connection.vendor == "postgresql":
        normalised = normalise_query_string(query_string)
        sql = _LOG_SEARCH.format(queries=Query._meta.db_table, hits=QueryDailyHits._meta.db_table)
        params = {"query": normalised, "day": timezone.now().date(), "hit": hit}
        with connection.cursor() as cursor:
            cursor.execute(sql, {**params, "outermost": outermost})
            return Query(pk=cursor.fetchone()[0], query_string=normalised)
    with transaction.atomic():
        logged_query = Query.get(query_string)
        if hit:
            logged_query.add_hit()
    return logged_query


def search_view(repository, request):
    search = RepositorySearch(repository, request.GET)
    return repository.render(
        request, context_overrides=_search_context(repository, request, search)
    )


def term_view(repository, request, term, *, facet):
    """A theme's or region's page: the same search, scoped to the term, with its own heading."""
    search = RepositorySearch(repository, request.GET, scope=(facet, term.slug))
    context = _search_context(
        repository,
        request,
        search,
        scope=[(facet, term.slug)],
        form_action=repository.url_for_term(term),
    )
    context.update(
        term=term,
        term_label=term._meta.verbose_name,
        breadcrumbs_extra=[
            {"title": repository.title, "url": repository.url},
            {
                "title": term._meta.verbose_name_plural.capitalize(),
                "url": repository.url_for_route(f"{term.url_prefix}_list"),
            },
        ],
    )
    return repository.render(
        request, template="repository/term_detail.html", context_overrides=context
    )


def term_list_view(repository, request, key):
    """Every theme (or region), with its number of live items and its page."""
    model = BY_KEY[key].term_model
    terms = facet_index.with_counts(
        list(model.objects.all()), key, facet_index.get_index(repository)
    )
    for term in terms:
        term.url = repository.url_for_term(term)
    return repository.render(
        request,
        template="repository/term_list.html",
        context_overrides={
            "terms": terms,
            "heading": model._meta.verbose_name_plural.capitalize(),
            "breadcrumbs_extra": [{"title": repository.title, "url": repository.url}],
        },
    )


def coverage_bands(counts, bands=4):
    """Band 0 for no items, then 1..`bands` by share of the fullest cell (always shown too)."""
    highest = max(counts, default=0)
    return lambda count: 0 if not count else max(1, math.ceil(bands * count / highest))


def coverage_view(repository, request):
    """Regions against themes: how many live items each pair has (from the facet index)."""
    index = facet_index.get_index(repository)
    rows_key, columns_key = COVERAGE_ROWS.key, COVERAGE_COLUMNS.key
    themes = facet_index.with_counts(
        list(COVERAGE_COLUMNS.term_model.objects.all()), columns_key, index
    )
    regions = facet_index.with_counts(list(COVERAGE_ROWS.term_model.objects.all()), rows_key, index)
    counts = index.pair_counts(rows_key, columns_key)
    band = coverage_bands(counts.values())
    rows = []
    for region in regions:
        cells = []
        for theme in themes:
            count = counts.get((region.slug, theme.slug), 0)
            url = (
                repository.url
                + "?"
                + urlencode([(rows_key, region.slug), (columns_key, theme.slug)])
            )
            cells.append({"theme": theme, "count": count, "band": band(count), "url": url})
        region.url = repository.url_for_term(region)
        rows.append({"region": region, "cells": cells})
    for theme in themes:
        theme.url = repository.url_for_term(theme)
    total = index.size
    gaps = sum(1 for row in rows for cell in row["cells"] if not cell["count"])
    return repository.render(
        request,
        template="repository/coverage.html",
        context_overrides={
            "themes": themes,
            "rows": rows,
            "gaps": gaps,
            "total": total,
            "breadcrumbs_extra": [{"title": repository.title, "url": repository.url}],
        },
    )


def autocomplete_view(repository, request):
    """Up to eight item titles that start like the text typed, as JSON for the search box."""
    text, _shortened = clean_query_text(request.GET.get("q", "")[:AUTOCOMPLETE_MAX_LENGTH])
    words = search_words(text)
    suggestions = []
    if len(words) >= AUTOCOMPLETE_MIN_LENGTH:
        results = get_search_backend().autocomplete(
            words,
            GoodPracticeItemPage.objects.published_in(repository).defer_streamfields(),
            order_by_relevance=True,
        )
        suggestions = [
            {"title": item.title, "url": item.get_url(request)}
            for item in results[:AUTOCOMPLETE_LIMIT]
        ]
    response = JsonResponse({"query": text, "suggestions": suggestions})
    response["Cache-Control"] = "public, max-age=300"
    return response
