from django import template
from django.conf import settings

from wagtail.models import Page, Site

from wagtailnhsukfrontend.settings.models import HeaderSettings, NavigationLink

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
        ancestors = page.get_ancestors().filter(depth__gt=1)
        if site:
            ancestors = ancestors.filter(path__startswith=site.root_page.path)
        crumbs = [{"title": ancestor.title, "url": ancestor.url} for ancestor in ancestors]
    crumbs += context.get("breadcrumbs_extra", [])
    return {"crumbs": crumbs}


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current one, with the paginator's ellipsis in the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )


@register.inclusion_tag("wagtailnhsukfrontend/header.html", takes_context=True)
def site_header(context, search_action=""):
    """wagtail-nhsuk-frontend's header, fed in three queries.

    The package's own `{% header %}` tag fetches each navigation link's page with a query of
    its own; this builds the same context with the pages joined in.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    header = HeaderSettings.objects.select_related("service_link", "logo_link").filter(
        site=site
    ).first() or HeaderSettings(site=site)
    links = list(
        NavigationLink.objects.filter(setting_id=header.pk, page__isnull=False).order_by(
            "sort_order"
        )
    )
    # Fetched by id rather than joined: the join makes PostgreSQL scan the whole page table.
    pages = Page.objects.in_bulk([link.page_id for link in links])
    path = request.path
    primary_links = []
    for link in links:
        url = pages[link.page_id].relative_url(site, request)
        primary_links.append(
            {
                "label": link.label,
                "url": url,
                "current": url == path,
                "active": url != "/" and path.startswith(url),
            }
        )
    root_url = site.root_page.relative_url(site, request) if site else "/"
    return {
        "service_name": header.service_name,
        "service_href": header.service_link.relative_url(site, request)
        if header.service_link
        else "",
        "service_long_name": header.service_long_name,
        "transactional": header.transactional,
        "organisation_name": header.organisation_name,
        "organisation_split_name": header.organisation_split_name,
        "organisation_descriptor": header.organisation_descriptor,
        "organisation_white": header.organisation_white,
        "logo_href": header.logo_link.relative_url(site, request) if header.logo_link else root_url,
        "logo_aria": header.logo_aria,
        "logo_custom": header.logo_custom,
        "show_search": header.show_search,
        "search_action": search_action,
        "primary_links": primary_links,
    }
