import io
import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

from django.contrib.postgres.search import SearchQueryField
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.backends import get_search_backend

import pytest
from bs4 import BeautifulSoup

from goodpractice.repository import facet_index
from goodpractice.repository import signal_handlers as search_indexing
from goodpractice.repository.models import GoodPracticeItemDocument, GoodPracticeItemPage
from goodpractice.repository.search import ITEMS_PER_PAGE
from goodpractice.repository.search import backend as search_backend
from goodpractice.repository.search.text import MAX_QUERY_LENGTH, highlight, query_stems
from goodpractice.repository.views import log_search
from resources.builders import build_pdf
from resources.models import ResourceDocument
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture
def catalogue(terms, make_item):  # noqa: F811
    t = terms
    return {
        "mentoring": make_item(
            "Reverse mentoring for trainers",
            themes=[t["induction"]],
            regions=[t["wessex"]],
            status="embedded",
            evaluation="formal",
            audiences=[t["trainers"]],
            characteristics=[t["race"]],
            tags=["mentoring"],
            summary="Senior trainers are mentored by doctors in training.",
        ),
        "welcome": make_item(
            "Welcome week for international graduates",
            themes=[t["induction"]],
            regions=[t["wessex"], t["london"]],
            status="pilot",
            evaluation="informal",
            audiences=[t["imgs"]],
            tags=["induction", "welcome"],
            summary="A week of induction sessions before the first rota.",
        ),
        "exam": make_item(
            "Exam preparation circles",
            themes=[t["attainment"]],
            regions=[t["london"]],
            status="embedded",
            evaluation="none",
            characteristics=[t["race"], t["disability"]],
            summary="Peer study circles for postgraduate exams.",
        ),
    }


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [h.get_text(strip=True) for h in soup_of(response).select(".app-result h3")]


def option_labels(response, key):
    """{option label: the text of its count} for one facet, e.g. {"Wessex": "(2 items)"}."""
    soup = soup_of(response)
    labels = {}
    for box in soup.select(f'input[name="{key}"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        count = " ".join(label.select_one(".app-facet__count").get_text().split())
        name = " ".join(label.get_text().split()).replace(count, "").strip()
        labels[name] = (count, box.has_attr("checked"))
    return labels


def count_of(response, key, name):
    count_text = option_labels(response, key)[name][0]
    return int(re.search(r"\d+", count_text).group())


def result_count(response):
    return soup_of(response).select_one("#result-count").get_text(" ", strip=True)


def test_repository_lists_every_live_item_newest_first(client, repository, catalogue):
    catalogue["exam"].unpublish()
    response = client.get(repository.url)
    assert titles(response) == [
        "Welcome week for international graduates",
        "Reverse mentoring for trainers",
    ]
    assert result_count(response).startswith("2 items")


def test_facet_counts_show_what_each_option_would_give(client, repository, catalogue):
    response = client.get(repository.url)
    assert count_of(response, "region", "Wessex") == 2
    assert count_of(response, "region", "London") == 2
    assert count_of(response, "region", "North West") == 0
    assert count_of(response, "theme", "Induction") == 2
    assert count_of(response, "status", "Embedded") == 2
    assert count_of(response, "characteristic", "Race") == 2
    assert count_of(response, "audience", "Trainers") == 1
    assert count_of(response, "tag", "induction") == 1


def test_facet_counts_follow_a_newly_published_or_renamed_term(
    client,
    repository,
    catalogue,
    terms,  # noqa: F811
    make_item,  # noqa: F811
):
    # The facets of a search are kept once drawn; a change to the content must show at once.
    assert count_of(client.get(repository.url), "region", "North West") == 0
    make_item("Buddy scheme", themes=[terms["induction"]], regions=[terms["north-west"]])
    assert count_of(client.get(repository.url), "region", "North West") == 1
    terms["north-west"].name = "North West England"
    terms["north-west"].save()
    assert count_of(client.get(repository.url), "region", "North West England") == 1
    catalogue["exam"].unpublish()
    assert count_of(client.get(repository.url), "region", "London") == 1


def test_counts_apply_the_other_facets_but_not_their_own(client, repository, catalogue):
    response = client.get(repository.url, {"region": "london", "status": "embedded"})
    assert titles(response) == ["Exam preparation circles"]
    # Regions are counted with the status filter only: Wessex would add "mentoring".
    assert count_of(response, "region", "Wessex") == 1
    assert count_of(response, "region", "London") == 1
    # Statuses are counted with the region filter only.
    assert count_of(response, "status", "Pilot") == 1
    assert count_of(response, "status", "Embedded") == 1
    assert count_of(response, "theme", "Induction") == 0
    assert count_of(response, "theme", "Differential attainment") == 1


def test_options_within_a_facet_widen_and_facets_narrow(client, repository, catalogue):
    both_regions = client.get(repository.url + "?region=wessex&region=london")
    assert len(titles(both_regions)) == 3
    narrowed = client.get(repository.url + "?region=wessex&region=london&theme=attainment")
    assert titles(narrowed) == ["Exam preparation circles"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "attainment"}, {"exam"}),
        ({"region": "wessex"}, {"mentoring", "welcome"}),
        ({"tag": "welcome"}, {"welcome"}),
        ({"audience": "trainers"}, {"mentoring"}),
        ({"characteristic": "disability"}, {"exam"}),
        ({"status": "pilot"}, {"welcome"}),
        ({"evaluation": "formal"}, {"mentoring"}),
    ],
)
def test_each_filter(client, repository, catalogue, params, expected):
    response = client.get(repository.url, params)
    assert set(titles(response)) == {catalogue[key].title for key in expected}
    chosen = soup_of(response).select(".app-chosen-filters__tag")
    assert len(chosen) == 1


def test_zero_count_options_stay_visible_and_say_so(client, repository, catalogue):
    labels = option_labels(client.get(repository.url), "region")
    count, checked = labels["North West"]
    assert count == "(0 items)"
    assert not checked


def test_chosen_filters_are_removable_links_and_clear_all(client, repository, catalogue):
    response = client.get(repository.url, {"q": "mentoring", "region": ["wessex", "london"]})
    soup = soup_of(response)
    links = {
        a.get_text(" ", strip=True): a["href"] for a in soup.select(".app-chosen-filters__tag")
    }
    remove_wessex = links["Remove Region: Wessex \u00d7"]
    assert parse_qs(urlparse(remove_wessex).query) == {"q": ["mentoring"], "region": ["london"]}
    remove_search = links["Remove Search: mentoring \u00d7"]
    assert parse_qs(urlparse(remove_search).query) == {"region": ["wessex", "london"]}
    clear = next(a for a in soup.select("main a") if a.get_text().startswith("Clear all"))
    assert clear["href"] == repository.url
    assert option_labels(response, "region")["Wessex"][1] is True


def test_sorting(client, repository, catalogue):
    a_to_z = client.get(repository.url, {"sort": "title"})
    assert titles(a_to_z) == sorted(titles(a_to_z))
    newest = client.get(repository.url, {"sort": "newest"})
    assert titles(newest)[0] == "Exam preparation circles"
    # Relevance needs a query; without one the page falls back to newest.
    assert titles(client.get(repository.url, {"sort": "relevance"})) == titles(newest)
    options = [o["value"] for o in soup_of(newest).select("#search-sort option")]
    assert options == ["newest", "title"]
    with_query = soup_of(client.get(repository.url, {"q": "circles"}))
    assert with_query.select_one("#search-sort option[selected]")["value"] == "relevance"


def test_pagination_edges(client, repository, terms, make_item):  # noqa: F811
    for number in range(ITEMS_PER_PAGE + 1):
        make_item(f"Item {number:02d}", themes=[terms["induction"]], regions=[terms["wessex"]])
    first = client.get(repository.url, {"sort": "title"})
    assert len(titles(first)) == ITEMS_PER_PAGE
    last = client.get(repository.url, {"sort": "title", "page": "2"})
    assert titles(last) == [f"Item {ITEMS_PER_PAGE:02d}"]
    next_link = soup_of(first).select_one("a.nhsuk-pagination__next")["href"]
    assert parse_qs(next_link.lstrip("?")) == {"sort": ["title"], "page": ["2"]}
    # Past the end shows the last page; nonsense shows the first; neither is an error.
    assert titles(client.get(repository.url, {"sort": "title", "page": "99"})) == titles(last)
    assert titles(client.get(repository.url, {"sort": "title", "page": "x"})) == titles(first)
    assert titles(client.get(repository.url, {"sort": "title", "page": "-1"})) == titles(last)


def test_unknown_values_are_ignored_with_a_message(client, repository, catalogue):
    response = client.get(
        repository.url, {"theme": "no-such-theme", "status": "bogus", "sort": "sideways"}
    )
    soup = soup_of(response)
    assert len(titles(response)) == 3
    notices = soup.select_one(".nhsuk-warning-callout").get_text(" ", strip=True)
    assert '"no-such-theme"' in notices
    assert '"bogus"' in notices


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "!!! ??? ((( ))) ::: *** &&& ||| '' \"\"",
        "'; DROP TABLE wagtailcore_page; --",
        "<b>bold</b> & <i>",
        "mentoring:* & !exam",
        "\\",
        "😀 ∑ ç",
    ],
)
def test_hostile_queries_return_a_normal_page(client, repository, catalogue, query):
    response = client.get(repository.url, {"q": query})
    assert response.status_code == 200
    assert GoodPracticeItemPage.objects.count() == 3
    if len(query) > MAX_QUERY_LENGTH:
        assert b"shortened" in response.content


def test_xss_payload_in_the_query_is_escaped(client, repository, catalogue):
    response = client.get(repository.url, {"q": XSS})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = soup_of(response)
    assert soup.select_one("#search-q")["value"] == XSS


def test_no_results_suggest_what_to_do(client, repository, catalogue):
    response = client.get(repository.url, {"q": "zzzyzzx", "region": "wessex"})
    soup = soup_of(response)
    assert result_count(response).startswith("0 items")
    text = soup.select_one("main").get_text(" ", strip=True)
    assert "remove a filter" in text
    assert "check the spelling" in text
    links = {a.get_text(strip=True): a["href"] for a in soup.select("main a")}
    assert links["search without any filters"] == f"{repository.url}?q=zzzyzzx"
    assert links["by theme"].endswith("/themes/")


def test_text_search_finds_title_summary_and_tags(client, repository, catalogue):
    assert titles(client.get(repository.url, {"q": "circles"})) == ["Exam preparation circles"]
    assert titles(client.get(repository.url, {"q": "rota"})) == [catalogue["welcome"].title]
    assert titles(client.get(repository.url, {"q": "mentoring", "region": "london"})) == []


def test_unpublished_items_never_appear_in_search_results(client, repository, catalogue):
    catalogue["exam"].unpublish()
    response = client.get(repository.url, {"q": "circles"})
    assert titles(response) == []
    assert result_count(response).startswith("0 items")
    assert titles(client.get(repository.url, {"q": "circles", "sort": "title"})) == []


def test_matching_words_are_highlighted_and_escaped():
    stems = query_stems("inducting <b>")
    marked = highlight("Induction & <b>week</b>", stems)
    assert (
        marked == "<mark>Induction</mark> &amp; &lt;<mark>b</mark>&gt;week&lt;/<mark>b</mark>&gt;"
    )
    assert highlight("<script>", set()) == "&lt;script&gt;"


def test_search_results_show_a_highlighted_snippet(client, repository, catalogue):
    soup = soup_of(client.get(repository.url, {"q": "circles"}))
    assert [m.get_text() for m in soup.select(".app-result mark")] == ["circles"]


def test_searches_are_logged_and_promotions_shown_first(client, repository, catalogue):
    query = Query.get("welcome")
    SearchPromotion.objects.create(
        query=query, page=catalogue["exam"], description="Editors recommend this.", sort_order=0
    )
    response = client.get(repository.url, {"q": "welcome"})
    promoted = soup_of(response).select(".app-promotion")
    assert [p.a.get_text(strip=True) for p in promoted] == ["Exam preparation circles"]
    assert "Editors recommend this." in promoted[0].get_text()
    assert Query.get("welcome").hits == 1
    client.get(repository.url, {"q": "welcome", "page": "2"})
    assert Query.get("welcome").hits == 1  # later pages of the same search are not counted
    client.get(repository.url, {"q": "  Welcome  "})  # the same search, written differently
    assert Query.get("welcome").hits == 2
    assert Query.objects.filter(query_string__icontains="welcome").count() == 1


def test_autocomplete_suggests_titles_as_json(client, repository, catalogue):
    url = repository.url + "autocomplete/"
    data = client.get(url, {"q": "Exam"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["Exam preparation circles"]
    assert data["suggestions"][0]["url"] == catalogue["exam"].url
    assert client.get(url, {"q": "E"}).json()["suggestions"] == []
    hostile = client.get(url, {"q": XSS * 50})
    assert hostile.status_code == 200
    assert hostile["Content-Type"] == "application/json"


def test_theme_and_region_pages_are_scoped_searches(client, repository, catalogue, terms):  # noqa: F811
    response = client.get(repository.url_for_term(terms["wessex"]))
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Wessex"
    assert set(titles(response)) == {catalogue["mentoring"].title, catalogue["welcome"].title}
    assert not soup.select('input[name="region"]')  # the page's own facet is not offered
    assert count_of(response, "status", "Pilot") == 1
    crumbs = [a.get_text(strip=True) for a in soup.select(".nhsuk-breadcrumb__link")]
    assert crumbs[-2:] == [repository.title, "Regions"]
    feed = soup.find("link", rel="alternate", type="application/atom+xml")["href"]
    assert "region=wessex" in feed
    filtered = client.get(repository.url_for_term(terms["wessex"]), {"status": "pilot"})
    assert titles(filtered) == [catalogue["welcome"].title]
    assert client.get(f"{repository.url}themes/no-such-theme/").status_code == 404


def test_page_links_its_feeds_and_downloads_with_its_filters(client, repository, catalogue):
    soup = soup_of(client.get(repository.url, {"q": "exam", "region": "london"}))
    atom = soup.find("link", rel="alternate", type="application/atom+xml")["href"]
    assert parse_qs(urlparse(atom).query) == {"q": ["exam"], "region": ["london"]}
    visible = {a.get_text(" ", strip=True): a["href"] for a in soup.select(".app-feed-links a")}
    assert visible["Atom feed of new items for this search"] == atom
    assert "download/csv/?q=exam&region=london" in visible["Download CSV of these results"]


def test_header_search_box_searches_the_whole_site(client, repository, catalogue):
    from wagtail.models import Site

    from wagtailnhsukfrontend.settings.models import HeaderSettings

    header = HeaderSettings.for_site(Site.objects.get(is_default_site=True))
    header.show_search = True
    header.save()
    form = soup_of(client.get(catalogue["exam"].url)).select_one("form#search")
    assert form["action"] == "/search/"  # goodpractice.search: items and everything else
    assert form.select_one("input")["name"] == "q"
    assert form.label.get_text(strip=True) == "Search this site"


def test_a_search_is_remembered_for_every_process_until_the_content_changes(
    client,
    repository,
    catalogue,
    terms,  # noqa: F811
    make_item,  # noqa: F811
):
    assert titles(client.get(repository.url, {"q": "mentoring"})) == [catalogue["mentoring"].title]
    search_backend._recent_matches.clear()  # as if another process answered the next request
    with CaptureQueriesContext(connection) as queries:
        client.get(repository.url, {"q": "mentoring", "theme": "induction"})
    assert not [q for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]]
    newer = make_item("Mentoring circles", themes=[terms["induction"]], regions=[terms["london"]])
    found = titles(client.get(repository.url, {"q": "mentoring", "sort": "newest"}))
    assert found == [newer.title, catalogue["mentoring"].title]


def test_a_process_that_missed_a_change_catches_up_within_the_maximum_age(
    client,
    repository,
    catalogue,
    terms,  # noqa: F811
    make_item,  # noqa: F811
    monkeypatch,
    settings,
):
    # Without a shared cache a process may not see another's change: whatever it kept is
    # trusted for FACET_INDEX_MAX_AGE seconds at most, then the index is built again. With
    # 0 seconds, every request is later than that.
    settings.FACET_INDEX_MAX_AGE = 0
    found = titles(client.get(repository.url, {"q": "mentoring", "sort": "newest"}))
    assert found == [catalogue["mentoring"].title]
    monkeypatch.setattr(search_indexing, "bump_version", lambda: None)  # the change goes unseen
    newer = make_item("Mentoring circles", themes=[terms["induction"]], regions=[terms["london"]])
    response = client.get(repository.url, {"q": "mentoring", "sort": "newest"})
    assert titles(response) == [newer.title, catalogue["mentoring"].title]
    assert count_of(response, "region", "London") == 1


@pytest.mark.postgres
def test_postgres_search_matches_and_ranks_as_wagtails_own(
    repository,
    catalogue,
    terms,  # noqa: F811
    make_item,  # noqa: F811
):
    make_item("Mentoring for mentors", themes=[terms["induction"]], regions=[terms["london"]])
    make_item(
        "Buddies", themes=[terms["induction"]], regions=[terms["london"]], summary="Mentoring."
    )
    backend = get_search_backend()
    for words in ("mentoring", "induction mentoring", "graduates week", "trainers"):
        results = backend.search(words, GoodPracticeItemPage.objects.all())
        wagtails = list(results.get_queryset().values_list("pk", flat=True))
        # Wagtail's order, but with the items whose title matches first.
        in_title = set(
            backend.search(words, GoodPracticeItemPage.objects.all(), fields=["title"])
            .get_queryset()
            .values_list("pk", flat=True)
        )
        expected = sorted(wagtails, key=lambda pk: pk not in in_title)
        assert search_backend._search_backend_ids(words, by_relevance=True) == expected, words
        assert sorted(search_backend._search_backend_ids(words, by_relevance=False)) == sorted(
            wagtails
        )


def _ranked_in_full(words, by_relevance=True):
    """The answer of the query that ranks every match (what a search of several words runs)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_backend, "_kept_ranking", lambda *args: None)
        return search_backend._search_backend_ids(words, by_relevance=by_relevance)


def _word_rank_rows():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, entry_id, content_type_id, object_id, in_title, rank "
            "FROM goodpractice_search_word_rank"
        )
        return sorted(cursor.fetchall())


def _word_set_rows():
    """The word-set table's rows, and what they should be, from the word-rank table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, content_type_id, chunk, bits::text FROM goodpractice_search_word_items"
        )
        kept = sorted(cursor.fetchall())
        cursor.execute(
            "SELECT lexeme, content_type_id, object_id FROM goodpractice_search_word_rank"
        )
        expected = {}
        size = search_backend.WORD_SET_CHUNK_BITS
        for lexeme, content_type, object_id in cursor.fetchall():
            pk = int(object_id)
            bits = expected.setdefault((lexeme, content_type, pk // size), ["0"] * size)
            bits[pk % size] = "1"
    return kept, sorted((*key, "".join(bits)) for key, bits in expected.items())


def _word_rank_rows_afresh():
    """What the word-rank table should hold: every entry of Wagtail's index ranked again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT goodpractice_search_word_rank_rebuild()")
    return _word_rank_rows()


@pytest.mark.postgres
def test_a_search_for_one_word_reads_its_ranking_kept_in_advance(
    repository,
    catalogue,
    terms,  # noqa: F811
    make_item,  # noqa: F811
):
    make_item("Mentoring for mentors", themes=[terms["induction"]], regions=[terms["london"]])
    make_item(
        "Buddies", themes=[terms["induction"]], regions=[terms["london"]], summary="Mentoring."
    )
    make_item(
        "O'Brien's e-learning",
        themes=[terms["induction"]],
        regions=[terms["london"]],
        summary="Café back\\slash.",
    )
    words = ["mentoring", "Mentors", "induction", "trainers", "the", "zzzqx", "e-learning"]
    words += ["café", "'"]
    several = ["induction mentoring", "e-learning", "o'brien", "back\\slash"]  # split in English
    words += several
    index = facet_index.get_index(repository)
    for word in words:
        with CaptureQueriesContext(connection) as queries:
            found = search_backend._search_backend_ids(word, by_relevance=True)
        assert found == _ranked_in_full(word), word
        unordered = search_backend._search_backend_ids(word, by_relevance=False)
        assert sorted(unordered) == sorted(_ranked_in_full(word, by_relevance=False)), word
        ranked_now = any("ts_rank" in query["sql"] for query in queries.captured_queries)
        assert ranked_now == (word in several), word  # only a search of several words ranks
        # What a search page reads: the best match first, the set as bitsets, the rest of
        # the ranking only when a page goes past the first.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(search_backend, "RANKED_FIRST", 1)
            matches = search_backend._search_backend_matches(word, by_relevance=True)
        assert (matches.flags is not None) == (word not in several), word
        for order in (facet_index.NEWEST, facet_index.TITLE):
            assert matches.mask(index, order) == index.mask_for_ids(found, order), word
        assert matches.complete == (matches.flags is None or len(found) < 1), word
        assert list(matches.ranked()) == found, word
        assert matches.complete, word
        assert matches.empty == (not found), word
    assert search_backend._search_backend_ids("mentoring", by_relevance=True)


@pytest.mark.postgres
def test_a_search_for_one_word_pages_and_counts_as_one_ranked_in_full(
    client,
    repository,
    terms,  # noqa: F811
    make_item,  # noqa: F811
):
    # Pages past the first matches read the rest of the ranking; counts come from the set.
    for number in range(ITEMS_PER_PAGE + 3):
        in_title = number % 3 == 0
        make_item(
            f"Shadowing scheme {number}" if in_title else f"Scheme {number}",
            themes=[terms["induction"] if number % 2 else terms["attainment"]],
            regions=[terms["london"]],
            summary="Shadowing a consultant." if not in_title else "A week on the wards.",
        )

    def shown(params):
        response = client.get(repository.url, params)
        labels = soup_of(response).select(".app-facet label")
        return titles(response), result_count(response), [label.get_text() for label in labels]

    params = [{"q": "shadowing"}, {"q": "shadowing", "page": "2"}, {"q": "the"}]
    params += [{"q": "shadowing", "theme": "induction"}, {"q": "shadowing", "sort": "title"}]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_backend, "_kept_ranking", lambda *args, **kwargs: None)
        in_full = [shown(each) for each in params]
    search_backend._recent_matches.clear()
    cache.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_backend, "RANKED_FIRST", 2)
        assert [shown(each) for each in params] == in_full
    assert len(in_full[0][0]) == ITEMS_PER_PAGE  # two pages of matches
    assert in_full[1][0]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("'it''s'", True),  # one word with a quote: read back as it was written
        ("'a\\\\b'", True),  # ... with a backslash
        ("'x':*", False),  # a prefix
        ("'x':A", False),  # a weight
        ("'a' & 'b'", False),
        ("'a' <-> 'b'", False),  # a phrase
    ],
)
def test_only_a_query_of_one_plain_word_reads_the_kept_ranking(repository, catalogue, raw, kept):
    compiler = SimpleNamespace(sql_weights=search_backend.WORD_RANK_WEIGHTS)
    query = Cast(Value(raw), output_field=SearchQueryField())  # a tsquery, as it is written
    item_types = [repository.content_type_id, catalogue["exam"].content_type_id]
    assert (search_backend._kept_ranking(query, compiler, item_types) is not None) == kept
    other_weights = SimpleNamespace(sql_weights="{0.2,0.4,0.7,1.0}")
    assert search_backend._kept_ranking(query, other_weights, item_types) is None


@pytest.mark.postgres
def test_the_kept_ranking_follows_every_change_to_the_search_index(
    client,
    repository,
    catalogue,
    terms,  # noqa: F811
    make_item,  # noqa: F811
):
    assert _word_rank_rows() == _word_rank_rows_afresh()
    in_summary = make_item(
        "Circles", themes=[terms["induction"]], regions=[terms["london"]], summary="Zebrafish."
    )
    in_title = make_item("Zebrafish club", themes=[terms["induction"]], regions=[terms["london"]])
    assert titles(client.get(repository.url, {"q": "zebrafish"})) == ["Zebrafish club", "Circles"]
    in_title.title = "Aquarium club"
    in_title.save_revision().publish()
    assert titles(client.get(repository.url, {"q": "zebrafish"})) == ["Circles"]
    in_summary.delete()
    assert result_count(client.get(repository.url, {"q": "zebrafish"})).startswith("0 items")
    assert _word_rank_rows() == _word_rank_rows_afresh()
    kept, expected = _word_set_rows()
    assert kept == expected
    assert not any(row[0] == "zebrafish" for row in kept)  # its one item is gone: no chunk
    call_command("update_index", stdout=io.StringIO())  # a rebuild: every entry written again
    assert _word_rank_rows() == _word_rank_rows_afresh()
    assert {row[0] for row in _word_rank_rows()} >= {"mentor", "aquarium", "induct"}
    kept, expected = _word_set_rows()
    assert kept == expected
    assert {row[0] for row in kept} >= {"mentor", "aquarium", "induct"}


@pytest.mark.postgres
def test_a_search_inside_a_larger_transaction_leaves_its_settings_alone(repository, catalogue):
    # The planner hint and the unhurried commit are for the search's own transaction only.
    with transaction.atomic():
        assert search_backend._search_backend_ids("mentoring", by_relevance=True)
        log_search("mentoring", hit=True)
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone() == ("on",)
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone() == ("on",)


@pytest.mark.postgres
def test_english_stemming_inducting_finds_induction(client, repository, catalogue):
    # "Welcome week" says "induction" in its summary; "Reverse mentoring" only has the theme
    # "Induction", a lower weight, so it comes second.
    found = titles(client.get(repository.url, {"q": "inducting"}))
    assert found == [catalogue["welcome"].title, catalogue["mentoring"].title]
    marks = soup_of(client.get(repository.url, {"q": "inducting"})).select(".app-result mark")
    assert [m.get_text() for m in marks] == ["induction"]


@pytest.mark.postgres
def test_title_ranks_above_summary_above_body(client, repository, terms, make_item):  # noqa: F811
    body_only = make_item(
        "Networks", themes=[terms["induction"]], regions=[terms["wessex"]], summary="Forums."
    )
    body_only.body = [("paragraph", "<p>A note about allyship here.</p>")]
    body_only.save()
    make_item(
        "Shadowing",
        themes=[terms["induction"]],
        regions=[terms["wessex"]],
        summary="Allyship through shadowing.",
    )
    make_item(
        "Allyship circles",
        themes=[terms["induction"]],
        regions=[terms["wessex"]],
        summary="Small groups.",
    )
    ranked = titles(client.get(repository.url, {"q": "allyship"}))
    assert ranked == ["Allyship circles", "Shadowing", "Networks"]


def test_a_phrase_inside_an_attached_pdf_finds_its_item(
    client, repository, catalogue, django_capture_on_commit_callbacks
):
    item = catalogue["exam"]
    with django_capture_on_commit_callbacks(execute=True):
        document = ResourceDocument.objects.create(
            title="Facilitator guide",
            file=ContentFile(
                build_pdf("Guide", [("Method", "Quizzes use the zanzibar technique weekly.")]),
                name="guide.pdf",
            ),
        )
    # The text arrives after the item was indexed; attaching it first, then extracting,
    # is the usual order, so attach before the task runs too.
    GoodPracticeItemDocument.objects.create(item=item, document=document)
    assert titles(client.get(repository.url, {"q": "zanzibar"})) == []  # not yet reindexed
    with django_capture_on_commit_callbacks(execute=True):
        document.save()  # a new upload of the file runs the extraction task again
    assert titles(client.get(repository.url, {"q": "zanzibar"})) == [item.title]
    result = soup_of(client.get(repository.url, {"q": "zanzibar"})).select_one(".app-result")
    assert "attached documents" in result.get_text()
