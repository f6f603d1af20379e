from django import template
from django.conf import settings

from wagtail.models import Page, Site

from goodpractice.home import site_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_name(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The page's ancestors below the site root, then any crumbs a routed view adds.

    The current page is not a crumb (NHS.UK pattern); a routed view such as a theme page
    passes `breadcrumbs_extra` so its parent listing becomes one.
    """
    page = context.get("page")
    crumbs = []
    if isinstance(page, Page):
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        crumbs = site_chrome.breadcrumbs(request, site, page)
    crumbs = [*crumbs, *context.get("breadcrumbs_extra", [])]
    return {"crumbs": crumbs}


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current one, with the paginator's ellipsis in the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )


@register.inclusion_tag("wagtailnhsukfrontend/header.html", takes_context=True)
def site_header(context):
    """wagtail-nhsuk-frontend's header, from settings read once (goodpractice.home.site_chrome).

    The package's own `{% header %}` tag reads the settings and each navigation link's page
    on every request; only which link is the current page is worked out here.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:  # no site at all yet (a fresh database): a plain header
        return {"logo_href": "/", "primary_links": []}
    data = site_chrome.header(request, site)
    path = request.path
    primary_links = [
        {
            "label": label,
            "url": url,
            "current": url == path,
            "active": url != "/" and path.startswith(url),
        }
        for label, url in data["links"]
    ]
    return {
        **{key: value for key, value in data.items() if key != "links"},
        "primary_links": primary_links,
    }


@register.inclusion_tag("wagtailnhsukfrontend/footer.html", takes_context=True)
def site_footer(context):
    """wagtail-nhsuk-frontend's footer, from settings read once (goodpractice.home.site_chrome)."""
    request = context["request"]
    site = Site.find_for_request(request)
    return site_chrome.footer(request, site) if site else {}
