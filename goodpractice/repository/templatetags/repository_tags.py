"""What the home page shows of the repository: its themes with their item counts and its
newest items, read from the facet index rather than counted in SQL."""

from django import template

from goodpractice.repository import facet_index
from goodpractice.repository.classifications import ON_RESULTS
from goodpractice.repository.pages import GoodPracticeIndexPage
from goodpractice.repository.search import fetch_results

register = template.Library()

NEWEST_ON_HOME_PAGE = 6


@register.simple_tag
def repository_overview(home_page):
    """The live repository under `home_page`, its themes with their item counts and its
    newest items ({} when there is no repository yet)."""
    repository = GoodPracticeIndexPage.objects.live().descendant_of(home_page).first()
    if repository is None:
        return {}
    index = facet_index.get_index(repository)
    model = ON_RESULTS[0].term_model
    themes = facet_index.with_counts(list(model.objects.all()), ON_RESULTS[0].key, index)
    for theme in themes:
        theme.url = repository.url_for_term(theme)
    return {
        "repository": repository,
        "themes": themes,
        "newest_items": fetch_results(index, index.ids[:NEWEST_ON_HOME_PAGE]),
    }
