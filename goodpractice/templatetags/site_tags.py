from django import template
from django.conf import settings

from wagtail.models import Page, Site

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
