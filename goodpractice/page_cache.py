"""Whole pages for anonymous visitors, kept in the cache (Redis in production) and served
without touching the database.

A page is kept only when nothing about it is personal: a GET or HEAD with no cookie and no
credentials, answered 200 with HTML, no cookie set, no CSRF token in it and nothing that says
private. Editors are signed in, so they always see the live page. The key carries the three
content versions the site already keeps: the site chrome's (goodpractice.home.site_chrome:
any page published, unpublished, moved or deleted, the header, footer or a site changed), the
facet index's (an item, a term or a tag changed) and the calendar's (calendars.content_version:
an observance or one of its dates changed). So a change shows at once, everywhere the cache
is shared; anything else a page shows (a document's details) is at most PAGE_CACHE_SECONDS
old. Searches (`?q=`) are not kept: each one is counted in the
search-term log that editors use for promoted results.

The same rule says what a CDN or caching proxy in front may keep: a page kept here at an
address without a query string is `public, max-age=0, s-maxage=PAGE_CACHE_SECONDS` (browsers
ask again each time and get a 304; the shared cache keeps it, and is told to forget it when a
change shows on it: goodpractice.home.frontend_cache); one with a query string (a filter),
which cannot be named in a purge, `public, max-age=0`; any other page `private`.

Django's cache middleware was not enough: it keys pages by URL and time only, so it would
serve a page for up to its timeout after the content changed.

A kept page is the finished response, as compressed (GZipMiddleware) and tagged with an ETag
(ConditionalGetMiddleware) by the middleware inside this one, kept once for clients that take
gzip and once for those that do not. Answering from it costs two reads of the cache (the three
versions together, then the page) and no compression or hashing: a conditional request with
the kept ETag gets its 304 here.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from calendars import content_version as calendar_content
from goodpractice.home import site_chrome
from goodpractice.home.cache_version import read_together
from goodpractice.repository import facet_index

NOT_CACHED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/readyz", "/django-admin/")
NOT_CACHED_CACHE_CONTROL = ("private", "no-cache", "no-store")
# As GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def seconds():
    return settings.PAGE_CACHE_SECONDS


def cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and "q" not in request.GET
    )


def cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in NOT_CACHED_CACHE_CONTROL)
    )


def page_key(request):
    versions = ":".join(
        str(version)
        for version in read_together(
            request, [site_chrome.VERSION, facet_index.VERSION, calendar_content.VERSION]
        )
    )
    encoding = "gzip" if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    address = hashlib.blake2b(
        f"{encoding}:{request.get_host()}{request.get_full_path()}".encode(), digest_size=16
    ).hexdigest()
    return f"goodpractice:page:{versions}:{address}"


def mark_shared(request, response):
    """A kept page: a shared cache may keep it too, for as long as it can be purged."""
    shared = {"s_maxage": seconds()} if not request.META.get("QUERY_STRING") else {}
    patch_cache_control(response, public=True, max_age=0, **shared)
    patch_vary_headers(response, ["Cookie"])
    return response


def mark_private(response):
    """A page not kept (signed in, a search, a form token, a cookie set): never shared."""
    if response.get("Content-Type", "").startswith("text/html") and not response.has_header(
        "Cache-Control"
    ):
        patch_cache_control(response, private=True)
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return mark_private(self.get_response(request))
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        response = self.get_response(request)
        if not cacheable_response(request, response):
            return mark_private(response)
        mark_shared(request, response)
        if request.method == "GET":
            headers = list(response.items())
            cache.set(key, (response.content, headers), seconds())
        return response
