"""Where the calendar's feeds are published: their full addresses, the one-click links that
add them to Google Calendar and Outlook, and the domain of their events' UIDs.

Addresses come from the site's configured address (WAGTAILADMIN_BASE_URL), never the
request's Host header, so that a feed, and everyone's subscription to it, says the same
whichever name the site was reached by; in development (DEBUG) from the request, so that
links work at whatever address the developer's server answers.
"""

from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings


def site_address(request):
    """'https://example.nhs.uk': the scheme and host that full addresses start with."""
    if settings.DEBUG:
        return f"{request.scheme}://{request.get_host()}"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def full_url(request, url):
    """A page's address (as Page.get_url gives it) made absolute."""
    if not url or "://" in url:
        return url or ""
    return site_address(request) + url


def uid_domain():
    """The domain after the @ of every event's UID: CALENDAR_UID_DOMAIN, or the host of
    WAGTAILADMIN_BASE_URL. Calendar apps tell events apart by UID, so it must never change."""
    return getattr(settings, "CALENDAR_UID_DOMAIN", "") or (
        urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    )


def subscribe_links(request, ics_path, name):
    """The feed at `ics_path` (the calendar's address plus ics/ and any filter): its full
    address, its webcal:// address (which calendar apps open as a subscription), and
    addresses that add it to Google Calendar and to Outlook (personal and work accounts)."""
    url = site_address(request) + ics_path
    webcal = "webcal://" + url.split("://", 1)[1]
    outlook_query = urlencode({"url": url, "name": name}, quote_via=quote)
    return {
        "url": url,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?"
        + urlencode({"cid": webcal}, quote_via=quote),
        "outlook": f"https://outlook.live.com/calendar/0/addfromweb?{outlook_query}",
        "outlook_work": f"https://outlook.office.com/calendar/0/addfromweb?{outlook_query}",
    }
