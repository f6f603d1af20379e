from django import template

from goodpractice.models import GoodPracticeIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def repository_search_url(context):
    """The repository's address, where the header's search box sends its query ('' if none).

    Looked up once per request: the header is on every page."""
    request = context.get("request")
    if request is None:
        return ""
    if not hasattr(request, "_repository_search_url"):
        page = context.get("page")
        repository = (
            page
            if isinstance(page, GoodPracticeIndexPage)
            else GoodPracticeIndexPage.objects.live().first()
        )
        request._repository_search_url = repository.get_url(request) if repository else ""
    return request._repository_search_url
