"""The finder's "Get emails about new items like these" link, for the query the page shows."""

from urllib.parse import urlsplit

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def alert_signup_url(feed_url):
    """/alerts/ with the same query string as the page's feed, which already holds its search,
    filters and scope (a theme's or region's page): one query for the feed and the alert."""
    query = urlsplit(feed_url or "").query
    return reverse("alerts:subscribe") + (f"?{query}" if query else "")
