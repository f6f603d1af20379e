"""Demo content for the site's common pages, from the two seed pages (shared/seeds): the home
page, the EDI framework and Study Leave pages, the header and the footer.

The content is data, in demo_content.toml beside this module; this loader creates what is
missing through the app's factories, as the tests do. Each app's demo_content.load(command)
runs in INSTALLED_APPS order (load_demo_content); this one first, so that the others can hang
their pages under the home page. They share the helpers below.
"""

import tomllib
from pathlib import Path

from django.conf import settings
from django.db import transaction

from wagtail.models import Page

from wagtailnhsukfrontend.settings.models import HeaderSettings, NavigationLink

from goodpractice.home.factories import ContentPageFactory, HomePageFactory
from goodpractice.home.models import FooterLink, HomePage, SiteFooter


def read_data(module_file):
    """The TOML data file beside a demo_content module (pass its `__file__`)."""
    return tomllib.loads(Path(module_file).with_suffix(".toml").read_text(encoding="utf-8"))


DATA = read_data(__file__)
SITE_NAME = DATA["site_name"]


def stream(blocks):
    """A StreamField value from the data's blocks: tables with a `type` and a `value`."""
    return [(block["type"], block["value"]) for block in blocks]


def child_page(parent, factory, slug, **fields):
    """Return the live child of `parent` with `slug`, creating it with `factory` and publishing
    it if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = factory(parent=parent, slug=slug, **fields)
    page.save_revision().publish()
    return page, True


def load(command):
    """Create what is missing; leave what exists (and any editor's changes) alone."""
    with transaction.atomic():
        home = load_home_page()
        pages = load_content_pages(home)
        load_site_chrome(home, pages)
    command.stdout.write("Site pages: home page, content pages, header and footer.")
    return home


def load_home_page():
    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(
            parent=Page.get_first_root_node(), title=SITE_NAME, slug="home", introduction=""
        )
    if not home.introduction:
        home.title = SITE_NAME
        home.introduction = DATA["home"]["introduction"]
        home.body = stream(DATA["home"]["body"])
        home.save_revision().publish()
    return home


def with_settings(value):
    """The privacy notice states the retention periods configured, not copies of them."""
    if isinstance(value, str):
        return value.replace("{retention_days}", str(settings.SUBMISSION_RETENTION_DAYS)).replace(
            "{alerts_unconfirmed_days}", str(settings.ALERTS_UNCONFIRMED_DAYS)
        )
    return value


def load_content_pages(home):
    pages = {}
    for fields in DATA["content_pages"]:
        body = [{**block, "value": with_settings(block["value"])} for block in fields["body"]]
        fields = {**fields, "body": stream(body)}
        pages[fields["slug"]], _ = child_page(home, ContentPageFactory, **fields)
    return pages


def load_site_chrome(home, pages):
    """Header service name and navigation (wagtail-nhsuk-frontend settings), and footer links."""
    site = home.get_site()
    if site.site_name != SITE_NAME:
        site.site_name = SITE_NAME
        site.save()
    header = HeaderSettings.for_site(site)
    if not header.service_name:
        header.service_name = SITE_NAME
        header.service_link = home
        header.show_search = DATA["header"]["show_search"]  # it searches the repository
        header.save()
    for link in DATA["navigation"]:
        add_navigation_link(site, link["label"], pages.get(link["page"]), link["position"])
    footer = SiteFooter.for_site(site)
    for order, link in enumerate(DATA["footer_links"]):
        page = pages[link["page"]] if "page" in link else None
        target = {"page": page} if page else {"address": link["address"]}
        # A cluster's child manager only stages rows in memory; create them directly.
        if not FooterLink.objects.filter(footer=footer, **target).exists():
            FooterLink.objects.create(
                footer=footer, sort_order=order, label=link["label"], **target
            )


def add_navigation_link(site, label, page, position):
    """Add a header navigation link to `page` at `position` (the apps add theirs in any order)
    unless one already points there."""
    header = HeaderSettings.for_site(site)
    if page is None or header.navigation_links.filter(page=page).exists():
        return
    NavigationLink.objects.create(setting=header, label=label, page=page, sort_order=position)
