"""Finding the page for an address without reading the same rows on every request.

Wagtail serves a page in three steps that each read the database: the site for the host name
(Site.find_for_request), then the tree from the site's root page down one slug at a time (two
queries a level: the child, then its specific row), then the view restrictions of the page
and its ancestors (two more). For the pages above the content (the site, the home page and
its children: the repository, the resource library, the calendar, ...) and for whether any
page is private at all, those answers change a few times a year. They are kept with the site
chrome (goodpractice.home.site_chrome), under its version, so they are stale the moment a
page is published, unpublished, moved or deleted, a site is changed or a view restriction is
added, changed or removed:

- `CachedSiteMiddleware` sets the site of a request for a page (what Site.find_for_request
  reads first), with its root page as the specific page it is;
- `CachedChildRoutingMixin` finds a page's child by its slug from the cache and hands the
  rest of the address to it, as Page.route does (a slug it does not know is looked up in the
  database, so a page saved as live without Wagtail's publish signal is still found);
- `CachedViewRestrictionsMixin` answers "none" without a query while no page on the site is
  private, and asks Wagtail (page.get_view_restrictions) as soon as one is.

An item routes itself from its repository in one query (GoodPracticeIndexPage.route); a
preview never routes.
"""

from django.db.models.signals import post_delete, post_save
from django.http import Http404

from wagtail.models import Page, PageViewRestriction, Site

from goodpractice.home import site_chrome

NO_SITE = "none"


def site_for_request(request):
    """Wagtail's own choice of site for this host name and port (Site._find_for_request),
    kept: the site with its root page already read as its specific page."""
    host = request._get_raw_host()  # as Wagtail reads it: before the ALLOWED_HOSTS check

    def build():
        site = Site._find_for_request(request)
        if site is None:
            return NO_SITE
        site.root_page = site.root_page.specific
        return site

    site = site_chrome.cached(request, f"site:{host}:{request.get_port()}", build)
    return None if site == NO_SITE else site


class CachedSiteMiddleware:
    """For the requests Wagtail serves a page for (its `serve` view, the 404 page included);
    any other view (the health checks, the API) finds its site as Wagtail does, if at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views  # not at import: this module is imported by page models

        if view_func is views.serve and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)


class CachedChildRoutingMixin:
    """For a page whose children are few and change rarely (the home page). Children are
    read by path (Page.objects.child_of), not get_children(): a kept page's child count is
    as old as the copy, and treebeard answers "no children" from it."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        children = Page.objects.child_of(self)
        slugs = site_chrome.cached(
            request, f"child-slugs:{self.pk}", lambda: set(children.values_list("slug", flat=True))
        )
        if slug in slugs:
            child = site_chrome.cached(
                request, f"child:{self.pk}:{slug}", lambda: children.get(slug=slug).specific
            )
        else:
            # Made since (a page saved as live in code, without Wagtail's publish signal), or
            # no such page: read from the database.
            try:
                child = children.get(slug=slug).specific
            except Page.DoesNotExist as missing:
                raise Http404 from missing
        child._cached_parent_obj = self
        return child.route(request, rest)


def any_page_is_private(request=None):
    return site_chrome.cached(
        request, "any-page-view-restriction", PageViewRestriction.objects.exists
    )


class CachedViewRestrictionsMixin:
    def get_view_restrictions(self):
        if not any_page_is_private():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def connect_signals():
    """A restriction added, changed or removed makes the site chrome, and so what is kept
    here and every kept page (goodpractice.page_cache), stale."""
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            site_chrome.bump_on_commit,
            sender=PageViewRestriction,
            dispatch_uid=f"site-chrome-{name}-PageViewRestriction",
        )
