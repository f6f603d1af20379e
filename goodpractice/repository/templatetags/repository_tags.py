"""What other pages show of the repository: the home page's themes and newest items, and an
item page's related items. Both are read from the facet index, not counted in SQL."""

from django import template

from goodpractice.repository import facet_index
from goodpractice.repository.classifications import ON_RESULTS
from goodpractice.repository.models.pages import GoodPracticeIndexPage
from goodpractice.repository.search import fetch_results

register = template.Library()

NEWEST_ON_HOME_PAGE = 6
RELATED_ITEMS = 3


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


@register.simple_tag(takes_context=True)
def related_items(context, item, repository, limit=RELATED_ITEMS):
    """Other live items sharing a theme or region with `item`, those sharing most first, then
    newest (from the facet index: a query over every item takes 0.5 s at 100,000). The terms
    are the page's own, read once by its get_context."""
    terms = [
        (classification.key, term.slug)
        for classification in ON_RESULTS
        for term in context.get(classification.field_name, ())
    ]
    index = facet_index.get_index(repository)
    return fetch_results(index, index.most_shared(terms, limit, exclude=[item.pk]))
