from wagtail import hooks

from goodpractice.home.site_chrome import SEARCH_PAGE_HOOK
from goodpractice.repository.pages import GoodPracticeIndexPage


@hooks.register(SEARCH_PAGE_HOOK)
def repository_searches_the_site(site):
    """The header's search box searches the repository."""
    return GoodPracticeIndexPage.objects.live().first()
