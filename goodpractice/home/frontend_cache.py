"""Tells a CDN or caching proxy in front of the site to forget the addresses a change shows
on, through Wagtail's frontend cache (its backends and its purge task, configured by
WAGTAILFRONTENDCACHE: production reads it from the environment; unset, nothing is sent).

Wagtail's own signal handlers (the `wagtail.contrib.frontend_cache` app, so not installed)
purge only the page published or unpublished, not the pages that list it, nor a page moved or
deleted, and before the change is committed. Here, once it is committed (the page cache's
versions have moved on, so the proxy fetches the new page, not a kept copy):

- a page published, unpublished or deleted: the page and every page above it up to the home
  page, each with all its routes: for a repository item, the item, the repository's listing,
  its theme and region pages, coverage grid, feeds and downloads, and the home page;
- a page moved or its slug changed: the same at its old and its new address, with the pages
  below it and the pages above its old address;
- a document changed or deleted, or a collection's view restriction added, changed or
  removed: the address of each document it concerns.

A filtered listing (`?theme=...`) cannot be named in advance, so the page cache marks pages
with a query string for a shared cache to ask again each time (goodpractice.page_cache).
"""

import copy

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_after_commit(urls):
    urls = set(urls)
    if urls:
        transaction.on_commit(lambda: PurgeBatch(urls).purge())


def page_addresses(page):
    """Every address a page answers at without a query string: its own and its cached paths
    (Wagtail's hook for this) and, for a routable page, each route that takes no argument and
    each one its sitemap names."""
    base = page.get_full_url()
    if base is None:
        return set()
    urls = {base + path.lstrip("/") for path in page.get_cached_paths()}
    if isinstance(page, RoutablePageMixin):
        for route in page.get_subpage_urls():
            try:
                urls.add(base + page.reverse_subpage(route.name))
            except NoReverseMatch:  # a route that takes an argument
                continue
        urls.update(entry["location"] for entry in page.get_sitemap_urls())
    return urls


def addresses_showing(page):
    """The page's addresses and those of every page above it (the listings and the home page)."""
    urls = page_addresses(page)
    for ancestor in page.get_ancestors().specific():
        urls |= page_addresses(ancestor)
    return urls


def at(page, url_path):
    """The page as it was at an earlier address."""
    before = copy.copy(page)
    before.url_path = url_path
    return before


def addresses_moved(page, url_path_before, parent_before):
    """A page (and the pages below it) moved from `url_path_before`, below `parent_before`, to
    where it is now."""
    urls = addresses_showing(page) | addresses_showing(parent_before)
    urls |= page_addresses(at(page, url_path_before))
    for descendant in page.get_descendants().live().specific():
        urls |= page_addresses(descendant)
        old_path = url_path_before + descendant.url_path.removeprefix(page.url_path)
        urls |= page_addresses(at(descendant, old_path))
    return urls


def page_changed(sender, instance, **kwargs):
    if configured():
        purge_after_commit(addresses_showing(instance.specific))


def page_moved(sender, instance, url_path_before, url_path_after, parent_page_before, **kwargs):
    if configured() and instance.live and url_path_before != url_path_after:
        purge_after_commit(
            addresses_moved(instance.specific, url_path_before, parent_page_before.specific)
        )


def slug_changed(sender, instance, instance_before, **kwargs):
    if configured() and instance.live:
        parent = instance.get_parent().specific
        purge_after_commit(addresses_moved(instance.specific, instance_before.url_path, parent))


def document_addresses(documents):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return set()
    return {site.root_url + document.url for document in documents}


def document_changed(sender, instance, created=False, **kwargs):
    if configured() and not created:  # a new document's address was never kept
        purge_after_commit(document_addresses([instance]))


def restriction_changed(sender, instance, **kwargs):
    if configured():
        try:
            collections = instance.collection.get_descendants(inclusive=True)
        except Collection.DoesNotExist:  # the restriction goes with its collection
            return
        documents = get_document_model().objects.filter(collection__in=collections)
        purge_after_commit(document_addresses(documents))


def connect_signals():
    """Called from the app's ready(), after the site chrome's handlers, so that its version
    has moved on before a purge is sent."""
    page_published.connect(page_changed, dispatch_uid="frontend-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="frontend-cache-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="frontend-cache-moved")
    page_slug_changed.connect(slug_changed, dispatch_uid="frontend-cache-slug")
    Document = get_document_model()
    post_save.connect(document_changed, sender=Document, dispatch_uid="frontend-cache-document")
    post_delete.connect(
        document_changed, sender=Document, dispatch_uid="frontend-cache-document-deleted"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"frontend-cache-restriction-{signal is post_save}",
        )
