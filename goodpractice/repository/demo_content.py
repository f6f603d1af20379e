"""Demo content for the repository, from the seed page (shared/seeds): the repository page and
the sixteen good-practice items, from demo_content.toml beside this module.

Titles, themes and regions are the seed page's. Summaries are short descriptions written for
this demo and say so; no figures are invented, so status, evaluation, dates and learners
reached are left "not recorded". A few items fill the optional key learning, transferability
and costs with placeholders that say what goes there.
"""

from django.db import transaction
from django.utils.text import slugify

from goodpractice.classification.models import Audience, ProtectedCharacteristic, Region, Theme
from goodpractice.home.demo_content import add_navigation_link, child_page, read_data, stream
from goodpractice.home.models import HomePage
from goodpractice.repository.factories import (
    GoodPracticeIndexPageFactory,
    GoodPracticeItemPageFactory,
)

DATA = read_data(__file__)
ITEMS = DATA["items"]


def fill(value, **words):
    """The data's `value` with each "{word}" in its strings replaced."""
    if isinstance(value, str):
        return value.format_map(words)
    if isinstance(value, dict):
        return {key: fill(item, **words) for key, item in value.items()}
    return [fill(item, **words) for item in value]


def item_body(theme_slug, summary):
    return stream(fill(DATA["item_body"], problem=DATA["problems"][theme_slug], summary=summary))


def load(command):
    """Create what is missing; leave what exists (and any editor's changes) alone."""
    with transaction.atomic():
        home = HomePage.objects.get()
        repository, _ = child_page(home, GoodPracticeIndexPageFactory, **DATA["repository"])
        created = load_items(repository)
        link = DATA["navigation"]
        add_navigation_link(home.get_site(), link["label"], repository, link["position"])
    command.stdout.write(
        f"Good practice: {created} item(s) created, {len(ITEMS)} in the seed list."
    )


def load_items(repository):
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    regions = {region.name: region for region in Region.objects.all()}
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    characteristics = {pc.slug: pc for pc in ProtectedCharacteristic.objects.all()}
    existing = set(repository.get_children().values_list("slug", flat=True))
    created = 0
    for spec in ITEMS:
        slug = slugify(spec["title"])[:80].rstrip("-")
        if slug in existing:
            continue
        item = GoodPracticeItemPageFactory(
            parent=repository,
            not_recorded=True,
            title=spec["title"],
            slug=slug,
            summary=fill(DATA["item_summary"], summary=spec["summary"]),
            body=item_body(spec["theme"], spec["summary"]),
            themes=[themes[spec["theme"]]],
            regions=[regions[name] for name in spec["regions"]],
            audiences=[audiences[a] for a in spec["audiences"]],
            protected_characteristics=[
                characteristics[pc] for pc in spec["protected_characteristics"]
            ],
            tags=spec["tags"],
            **(DATA["item_learning"] if spec.get("learning") else {}),
        )
        item.save_revision().publish()
        created += 1
    return created
