"""Each page's title tells a screen-reader user, a tab strip and browser history where they
are: page 2 from page 1, a search from a filter from the whole list, an error from an answer."""

import io

from django.core.management import call_command

import pytest

from goodpractice.repository.models import GoodPracticeIndexPage
from resources.models import ResourceIndexPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SITE = "EDI good practice"


def quoted(words):
    return f"\u2018{words}\u2019"


@pytest.fixture
def site(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


def titles(page, base, paths):
    found = {}
    for path in paths:
        page.goto(base + path)
        found[path] = page.title()
    return found


def test_the_home_page_says_the_sites_name_once(page, site):
    page.goto(site + "/")
    assert page.title() == SITE


def test_the_finders_pages_and_results_have_their_own_titles(page, site, monkeypatch):
    monkeypatch.setattr("goodpractice.repository.search.repository_search.ITEMS_PER_PAGE", 5)
    finder = GoodPracticeIndexPage.objects.get().url
    found = titles(page, site, [finder, f"{finder}?page=2", f"{finder}?q=induction"])
    assert found[finder].endswith(f" - {SITE}")
    assert found[f"{finder}?page=2"].startswith("Page 2 of ")
    assert f"results for {quoted('induction')}" in found[f"{finder}?q=induction"]
    assert len(set(found.values())) == 3


def test_the_resource_librarys_five_states_have_five_titles(page, site, monkeypatch):
    monkeypatch.setattr("resources.models.pages.RESOURCES_PER_PAGE", 2)
    library = ResourceIndexPage.objects.get().url
    paths = [
        library,
        f"{library}?page=2",
        f"{library}?q=induction",
        f"{library}?type=guide",
        f"{library}?q=zzzznothing",
        f"{library}?type=no-such-type",
    ]
    found = titles(page, site, paths)
    name = found[library]
    assert name.endswith(f" - {SITE}")
    assert found[f"{library}?page=2"].startswith("Page 2 of ")
    assert f"matching {quoted('induction')}" in found[f"{library}?q=induction"]
    assert ", filtered" in found[f"{library}?type=guide"]
    assert found[f"{library}?q=zzzznothing"].startswith(
        f"0 resources matching {quoted('zzzznothing')}"
    )
    assert found[f"{library}?type=no-such-type"].startswith("Error: ")
    assert len(set(found.values())) == len(paths)
