from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def repository_search_url(context):
    """The repository's address, where the header's search box sends its query ('' if none)."""
    from goodpractice.models import GoodPracticeIndexPage

    request = context.get("request")
    if request is None:
        return ""
    if not hasattr(request, "_repository_search_url"):
        repository = GoodPracticeIndexPage.objects.live().first()
        request._repository_search_url = repository.get_url(request) if repository else ""
    return request._repository_search_url
