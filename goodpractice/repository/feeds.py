"""Atom and RSS feeds of newly published items, for any search or filter combination.

The feed reads the same query string as the repository page (goodpractice.repository.search), so the
page's "Subscribe" link carries its filters; the feed itself is always newest first.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from goodpractice.repository.classifications import ON_RESULTS
from goodpractice.repository.search import RepositorySearch

FEED_LENGTH = 50


class RssItemsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, repository):
        super().__init__()
        self.repository = repository

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return RepositorySearch(self.repository, request.GET)

    def title(self, search):
        described = search.describe()
        title = f"New good practice: {self.repository.title}"
        return f"{title} ({described})" if described else title

    def link(self, search):
        query = search.state.params()
        return self.repository.url + (f"?{query}" if query else "")

    def description(self, search):
        return (
            self.repository.introduction
            or "Newly published equality, diversity and inclusion good practice."
        )

    def items(self, search):
        return search.feed_items(FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"{self.item_link(item)}#{item.pk}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [name for c in ON_RESULTS for name in getattr(item, f"{c.key}_names")]


class AtomItemsFeed(RssItemsFeed):
    feed_type = Atom1Feed

    def subtitle(self, search):
        return self.description(search)
