import feedparser
import pytest

from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db

XSS = "<script>alert('feed')</script>"


@pytest.fixture
def items(terms, make_item):  # noqa: F811
    def make(title, theme, region, days_ago):
        summary = f"The {title.lower()} initiative."  # no random words to match a search
        return make_item(
            title,
            themes=[terms[theme]],
            regions=[terms[region]],
            days_ago=days_ago,
            summary=summary,
        )

    return [
        make("Oldest", "induction", "wessex", 30),
        make("Middle", "attainment", "london", 20),
        make("Newest", "induction", "london", 10),
    ]


def parse(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize(("path", "version"), [("feed/", "atom10"), ("feed/rss/", "rss20")])
def test_feeds_parse_and_list_items_newest_first(client, repository, items, path, version):
    _response, feed = parse(client, repository.url + path)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert [entry.title for entry in feed.entries] == ["Newest", "Middle", "Oldest"]
    newest = feed.entries[0]
    assert newest.link == "http://testserver" + items[2].url
    assert newest.summary == items[2].summary
    assert {tag.term for tag in newest.tags} == {"Induction", "London"}


@pytest.mark.parametrize("path", ["feed/", "feed/rss/"])
def test_feeds_honour_filters_and_search(client, repository, items, path):
    _response, feed = parse(client, repository.url + path, {"theme": "induction"})
    assert [entry.title for entry in feed.entries] == ["Newest", "Oldest"]
    assert "Induction" in feed.feed.title
    _response, feed = parse(
        client, repository.url + path, {"theme": "induction", "region": "london"}
    )
    assert [entry.title for entry in feed.entries] == ["Newest"]
    _response, feed = parse(client, repository.url + path, {"q": "middle"})
    assert [entry.title for entry in feed.entries] == ["Middle"]


def test_feeds_ignore_sorting_and_stay_newest_first(client, repository, items):
    _response, feed = parse(client, repository.url + "feed/", {"sort": "title"})
    assert [entry.title for entry in feed.entries] == ["Newest", "Middle", "Oldest"]


@pytest.mark.parametrize("path", ["feed/", "feed/rss/"])
def test_xss_payload_is_escaped_in_the_feed_title(client, repository, items, path):
    response, feed = parse(client, repository.url + path, {"q": XSS})
    body = response.content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert XSS in feed.feed.title  # a feed reader shows the text, not markup


@pytest.mark.parametrize("path", ["", "feed/", "feed/rss/", "download/csv/", "download/json/"])
def test_control_characters_in_the_query_are_dropped_not_a_500(client, repository, items, path):
    response = client.get(repository.url + path, {"q": "mid\x00dle\x1b"})
    assert response.status_code == 200
    if path.startswith("feed"):
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert [entry.title for entry in feed.entries] == []  # "mid dle" matches nothing


def test_feed_of_a_term_page_is_linked_with_its_scope(client, repository, items, terms):  # noqa: F811
    page = client.get(repository.url_for_term(terms["london"]))
    assert b'href="/good-practice/feed/?region=london"' in page.content
    _response, feed = parse(client, repository.url + "feed/", {"region": "london"})
    assert [entry.title for entry in feed.entries] == ["Newest", "Middle"]


def test_feed_query_count_is_fixed(client, repository, items, django_assert_max_num_queries):
    client.get(repository.url)  # builds the facet index once
    with django_assert_max_num_queries(14):
        client.get(repository.url + "feed/", {"theme": "induction", "q": "newest"})
