"""The parts of every page that rarely change, read once and kept in Django's cache.

The header (its settings, navigation links and the address its search box sends to),
the footer and each page's breadcrumbs take about a dozen small queries and a few
milliseconds to read: on every page, for content that changes a few times a year. So each is
stored in the cache (Redis in production, shared by every process) under a version number,
and that number changes, once the change is committed, whenever a page is published,
unpublished, moved or deleted, a header or footer setting is saved, or a site is changed.
Entries written under an old version are simply never read again and expire; every entry
expires after five minutes anyway, so a process that does not share the cache (no Redis) is
never longer than that behind another's change.

What depends on the request (which navigation link is the current page) is worked out per
request from the cached addresses.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail import hooks
from wagtail.models import Page, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from wagtailnhsukfrontend.settings.models import HeaderSettings, NavigationLink

from goodpractice.home.cache_version import CacheVersion
from goodpractice.home.footer import FooterLink, SiteFooter

VERSION_KEY = "goodpractice:site-chrome:version"
SEARCH_PAGE_HOOK = "site_search_page"
# Without a shared cache a process only hears of its own changes: it reads the header and
# footer again after five minutes at most.
TIMEOUT = 5 * 60


VERSION = CacheVersion(VERSION_KEY)


def bump_version():
    VERSION.bump()


def current_version(request=None):
    """The version, read from the cache once per request."""
    return VERSION.current(request)


def cached(request, name, build):
    key = f"goodpractice:site-chrome:{current_version(request)}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def search_page(site):
    """The live page the header's search box sends its query to, or None: the first that a
    `site_search_page` hook offers (the repository app registers one)."""
    for hook in hooks.get_hooks(SEARCH_PAGE_HOOK):
        page = hook(site)
        if page is not None:
            return page
    return None


def header(request, site):
    """The header's settings, navigation links (label and address) and search address ('' if
    no page searches the site) for a site."""

    def build():
        searching = search_page(site)
        settings = HeaderSettings.objects.select_related("service_link", "logo_link").filter(
            site=site
        ).first() or HeaderSettings(site=site)
        links = list(
            NavigationLink.objects.filter(setting_id=settings.pk, page__isnull=False).order_by(
                "sort_order"
            )
        )
        # Fetched by id rather than joined: the join makes PostgreSQL scan the page table.
        pages = Page.objects.in_bulk([link.page_id for link in links])
        root_url = site.root_page.relative_url(site, request)
        return {
            "service_name": settings.service_name,
            "service_href": settings.service_link.relative_url(site, request)
            if settings.service_link
            else "",
            "service_long_name": settings.service_long_name,
            "transactional": settings.transactional,
            "organisation_name": settings.organisation_name,
            "organisation_split_name": settings.organisation_split_name,
            "organisation_descriptor": settings.organisation_descriptor,
            "organisation_white": settings.organisation_white,
            "logo_href": settings.logo_link.relative_url(site, request)
            if settings.logo_link
            else root_url,
            "logo_aria": settings.logo_aria,
            "logo_custom": settings.logo_custom,
            "show_search": settings.show_search,
            "search_action": searching.get_url(request) if searching else "",
            "links": [
                (link.label, pages[link.page_id].relative_url(site, request)) for link in links
            ],
        }

    return cached(request, f"header:{site.pk}", build)


def footer(request, site):
    """The footer's links for a site (Settings → Footer links), as wagtail-nhsuk-frontend's
    footer template wants them. A link whose page has been deleted is left out."""

    def build():
        links = SiteFooter.for_site(site).links.select_related("page").order_by("sort_order")
        primary_links = []
        for link in links:
            if link.page_id:
                url = link.page.relative_url(site, request) if link.page else ""
            else:
                url = link.address
            if url:
                primary_links.append({"label": link.label, "url": url})
        return {"enable_column_footer": False, "primary_links": primary_links, "column_links": {}}

    return cached(request, f"footer:{site.pk}", build)


def breadcrumbs(request, site, page):
    """Title and address of each of a page's ancestors below the site's root page."""

    def build():
        ancestors = page.get_ancestors().filter(depth__gt=1)
        if site:
            ancestors = ancestors.filter(path__startswith=site.root_page.path)
        return [{"title": ancestor.title, "url": ancestor.url} for ancestor in ancestors]

    if page.pk is None or getattr(request, "is_preview", False):
        return build()  # a page being previewed before it is saved, or as a draft
    return cached(request, f"breadcrumbs:{site.pk if site else 0}:{page.pk}", build)


def bump_on_commit(**kwargs):
    transaction.on_commit(bump_version)


def connect_signals():
    """Called from the app's ready(), once every page model is known."""
    page_published.connect(bump_on_commit, dispatch_uid="site-chrome-published")
    page_unpublished.connect(bump_on_commit, dispatch_uid="site-chrome-unpublished")
    post_page_move.connect(bump_on_commit, dispatch_uid="site-chrome-moved")
    page_slug_changed.connect(bump_on_commit, dispatch_uid="site-chrome-slug")
    for model in (
        *get_page_models(),
        Site,
        HeaderSettings,
        NavigationLink,
        SiteFooter,
        FooterLink,
    ):
        if not issubclass(model, Page):  # a page's save is not a change until published
            post_save.connect(
                bump_on_commit, sender=model, dispatch_uid=f"site-chrome-save-{model.__name__}"
            )
        post_delete.connect(
            bump_on_commit, sender=model, dispatch_uid=f"site-chrome-delete-{model.__name__}"
        )
