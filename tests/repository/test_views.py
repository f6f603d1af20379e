import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from goodpractice.classification.factories import AudienceFactory, RegionFactory, ThemeFactory
from goodpractice.repository.factories import (
    GoodPracticeItemDocumentFactory,
    GoodPracticeItemPageFactory,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [item.title for item in response.context["items"]]


@pytest.fixture
def wessex():
    return RegionFactory(name="Wessex")


@pytest.fixture
def induction():
    return ThemeFactory(name="Induction")


def test_repository_lists_live_items_newest_first(client, repository, induction, wessex):
    older = GoodPracticeItemPageFactory(parent=repository, themes=[induction], regions=[wessex])
    newer = GoodPracticeItemPageFactory(parent=repository, themes=[induction], regions=[wessex])
    draft = GoodPracticeItemPageFactory(parent=repository, live=False)

    response = client.get(repository.url)

    assert titles(response) == [newer.title, older.title]
    assert draft.title not in response.content.decode()
    assert "2 items" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5", "9" * 40])
def test_a_bad_page_number_never_errors(client, repository, page):
    GoodPracticeItemPageFactory.create_batch(13, parent=repository)
    response = client.get(repository.url, {"page": page})
    assert response.status_code == 200
    assert len(response.context["items"]) in (12, 1)


def test_pagination_splits_at_twelve_and_links_the_next_page(client, repository):
    GoodPracticeItemPageFactory.create_batch(13, parent=repository)
    first = client.get(repository.url)
    assert len(first.context["items"]) == 12
    assert 'rel="next"' in first.content.decode()
    second = client.get(repository.url, {"page": 2})
    assert len(second.context["items"]) == 1
    assert 'aria-current="page"' in second.content.decode()


def test_theme_and_region_pages_list_exactly_their_items(client, repository, induction, wessex):
    london = RegionFactory(name="London")
    both = GoodPracticeItemPageFactory(
        parent=repository, title="IMG induction", themes=[induction], regions=[wessex, london]
    )
    only_london = GoodPracticeItemPageFactory(parent=repository, regions=[london])

    theme_page = client.get(repository.url_for_term(induction))
    assert titles(theme_page) == [both.title]
    assert "<h1>Induction</h1>" in theme_page.content.decode()

    region_page = client.get(repository.url_for_term(london))
    assert titles(region_page) == [only_london.title, both.title]
    assert titles(client.get(repository.url_for_term(wessex))) == [both.title]


def test_theme_page_has_its_own_title_description_and_breadcrumbs(client, repository, induction):
    induction.description = "Welcoming doctors new to the NHS."
    induction.save()
    html = client.get(repository.url_for_term(induction)).content.decode()
    assert "<title>Induction - " in html
    assert "Welcoming doctors new to the NHS." in html
    assert f'href="{repository.url}themes/">Themes</a>' in html
    assert f'href="{repository.url}">{repository.title}</a>' in html
    assert "0 items" in html


def test_unknown_theme_or_region_is_a_404(client, repository):
    assert client.get(f"{repository.url}themes/not-a-theme/").status_code == 404
    assert client.get(f"{repository.url}regions/not-a-region/").status_code == 404


def test_theme_and_region_lists_show_counts_of_live_items(client, repository, induction):
    GoodPracticeItemPageFactory(parent=repository, themes=[induction])
    GoodPracticeItemPageFactory(parent=repository, themes=[induction], live=False)
    html = client.get(f"{repository.url}themes/").content.decode()
    assert "Induction" in html
    assert "1 item<" in html


def test_item_page_shows_every_field(client, repository, induction, wessex):
    item = GoodPracticeItemPageFactory(
        parent=repository,
        themes=[induction],
        regions=[wessex],
        tags=["bystander"],
        status="embedded",
        evaluation="published",
        learners_reached=240,
        date_started=datetime.date(2023, 9, 1),
        last_reviewed=datetime.date(2025, 1, 10),
        review_due=datetime.date(2099, 1, 10),
        contact_name="Dr A Example",
        contact_role="Associate Dean",
        show_contact_details=True,
        contact_email="a.example@nhs.example",
        show_contact_email=True,
    )
    item.audiences.set([AudienceFactory(name="Trainers")])
    item.save()

    html = client.get(item.url).content.decode()

    for text in [
        "Induction",
        "Wessex",
        "Trainers",
        "bystander",
        "Embedded",
        "Published evaluation",
        "240",
        "September 2023",
        "10 January 2025",
        'Next review due: <time datetime="2099-01-10">10 January 2099</time>',
        "Dr A Example, Associate Dean",
        "mailto:a.example@nhs.example",
    ]:
        assert text in html, text


def test_contact_email_is_hidden_without_consent(client, repository):
    item = GoodPracticeItemPageFactory(
        parent=repository,
        contact_name="Dr B",
        show_contact_details=True,
        contact_email="b@nhs.example",
    )
    html = client.get(item.url).content.decode()
    assert "Dr B" in html
    assert "b@nhs.example" not in html


def test_overdue_review_is_said_in_words(client, repository):
    item = GoodPracticeItemPageFactory(parent=repository, review_due=datetime.date(2020, 1, 1))
    assert "Review overdue" in client.get(item.url).content.decode()


def test_related_items_share_a_theme_or_region_most_shared_first(client, repository, induction):
    wessex, london = RegionFactory(name="Wessex"), RegionFactory(name="London")
    item = GoodPracticeItemPageFactory(parent=repository, themes=[induction], regions=[wessex])
    shares_both = GoodPracticeItemPageFactory(
        parent=repository, themes=[induction], regions=[wessex]
    )
    shares_theme = GoodPracticeItemPageFactory(
        parent=repository, themes=[induction], regions=[london]
    )
    unrelated = GoodPracticeItemPageFactory(parent=repository, regions=[london])

    related = list(client.get(item.url).context["related_items"])

    assert related == [shares_both, shares_theme]
    assert unrelated not in related


def test_related_items_follow_a_new_item_and_a_retitled_one_at_once(
    client, repository, induction, django_capture_on_commit_callbacks
):
    item = GoodPracticeItemPageFactory(parent=repository, themes=[induction])
    other = GoodPracticeItemPageFactory(parent=repository, themes=[induction], title="Buddying")
    assert [p.title for p in client.get(item.url).context["related_items"]] == ["Buddying"]
    client.get(item.url)  # kept

    with django_capture_on_commit_callbacks(execute=True):
        newest = GoodPracticeItemPageFactory(
            parent=repository, themes=[induction], title="Shadowing"
        )
        newest.save_revision().publish()
        other.title = "Peer buddying"
        other.save_revision().publish()

    related = {p.title for p in client.get(item.url).context["related_items"]}
    assert related == {"Shadowing", "Peer buddying"}


def test_related_items_count_every_shared_theme_and_region_then_newest(client, repository):
    themes = ThemeFactory.create_batch(2)
    regions = RegionFactory.create_batch(4)
    item = GoodPracticeItemPageFactory(parent=repository, themes=themes, regions=regions)

    def make(title, days_ago, themes, regions):
        published = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days_ago)
        return GoodPracticeItemPageFactory(
            parent=repository,
            title=title,
            themes=themes,
            regions=regions,
            first_published_at=published,
        )

    make("Shares one", 1, themes[:1], [])
    make("Shares three, newer", 5, [], regions[1:4])
    make("Shares three, older", 9, themes[:1], regions[:2])  # made later, published earlier
    make("Shares all six", 30, themes, regions)
    make("Shares five", 20, themes[1:], regions)

    related = [page.title for page in client.get(item.url).context["related_items"]]

    assert related == ["Shares all six", "Shares five", "Shares three, newer"]


def test_item_markup_from_editors_is_escaped(client, repository):
    item = GoodPracticeItemPageFactory(
        parent=repository, summary="<script>alert('x')</script>", contact_name="<b>Bold</b>"
    )
    html = client.get(item.url).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b>Bold</b>" not in html


def test_home_page_shows_themes_with_counts_and_newest_items(client, repository, induction):
    item = GoodPracticeItemPageFactory(parent=repository, themes=[induction])
    html = client.get("/").content.decode()
    assert repository.url_for_term(induction) in html
    assert "1 item<" in html
    assert item.title in html


def test_pages_have_no_inline_scripts_or_styles(client, repository):
    item = GoodPracticeItemPageFactory(parent=repository)
    for url in ["/", repository.url, item.url, f"{repository.url}themes/"]:
        html = client.get(url).content.decode()
        assert " style=" not in html
        for script in html.split("<script")[1:]:
            assert script.lstrip().startswith(("src=", 'type="module" src=')), url


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", ["index", "theme", "region", "item", "home"])
def test_query_count_does_not_grow_with_the_number_of_items(
    client, repository, induction, wessex, route, django_assert_max_num_queries
):
    def make(n):
        return GoodPracticeItemPageFactory.create_batch(
            n, parent=repository, themes=[induction], regions=[wessex], tags=["a", "b"]
        )

    first = make(2)[0]
    urls = {
        "index": repository.url,
        "theme": repository.url_for_term(induction),
        "region": repository.url_for_term(wessex),
        "item": first.url,
        "home": "/",
    }
    queries_for(client, urls[route])  # warm per-process caches (site root paths)
    few = queries_for(client, urls[route])
    make(10)
    queries_for(client, urls[route])  # the first request after a change rebuilds the facet index
    many = queries_for(client, urls[route])
    assert many == few
    with django_assert_max_num_queries(25):
        client.get(urls[route])


def test_item_page_lists_its_attached_documents(client, repository):
    item = GoodPracticeItemPageFactory(parent=repository)
    attached = GoodPracticeItemDocumentFactory(item=item, document__title="Induction handbook")

    html = client.get(item.url).content.decode()

    assert "Induction handbook" in html
    assert attached.document.url in html


def test_item_tags_link_to_the_repository_filtered_by_them(client, repository, induction, wessex):
    item = GoodPracticeItemPageFactory(
        parent=repository, themes=[induction], regions=[wessex], tags=["bystander", "allyship"]
    )
    GoodPracticeItemPageFactory(parent=repository, themes=[induction], regions=[wessex])
    html = client.get(item.url).content.decode()
    links = re.findall(r'<a href="([^"]+)">(allyship|bystander)<', html)
    assert links == [
        (f"{repository.url}?tag=allyship", "allyship"),
        (f"{repository.url}?tag=bystander", "bystander"),
    ]
    listing = client.get(links[1][0])
    assert titles(listing) == [item.title]


def test_a_live_items_page_shows_its_terms_as_they_are_now(client, repository, induction, wessex):
    """The terms come from the repository's facet index: a change shows at once."""
    item = GoodPracticeItemPageFactory(
        parent=repository, themes=[induction], regions=[wessex], tags=["bystander"]
    )
    assert "Induction" in client.get(item.url).content.decode()
    attainment = ThemeFactory(name="Differential attainment")
    item.themes.set([attainment])
    item.tags.set(["allyship"])
    item.save_revision().publish()
    html = client.get(item.url).content.decode()
    assert "Differential attainment" in html
    assert ">allyship<" in html
    assert ">Induction<" not in html
    assert ">bystander<" not in html


def test_a_preview_shows_the_drafts_terms_not_the_live_ones(client, repository, induction, wessex):
    item = GoodPracticeItemPageFactory(
        parent=repository, themes=[induction], regions=[wessex], tags=["bystander"]
    )
    attainment = ThemeFactory(name="Differential attainment")
    draft = item.get_latest_revision_as_object()
    draft.themes.set([attainment])
    draft.tags.set(["allyship"])
    html = draft.make_preview_request().content.decode()
    assert ">Differential attainment<" in html
    assert ">allyship<" in html
    assert ">Induction<" not in html
    live = client.get(item.url).content.decode()
    assert ">Induction<" in live
    assert "Differential attainment" not in live
