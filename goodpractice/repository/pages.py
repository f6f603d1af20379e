"""The repository page: every published item, searchable and filterable, with a page per
theme and per region, feeds, open-data downloads, a coverage grid and autocomplete (see
docs/search.md). Its routes hand each request to goodpractice.repository.views, feeds and
exports."""

from dataclasses import dataclass

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from goodpractice.classification.models import Region, Theme
from goodpractice.home import site_chrome
from goodpractice.home.models import IntroductionMixin
from goodpractice.home.routing import CachedViewRestrictionsMixin
from goodpractice.repository import exports, facet_index, feeds, views
from goodpractice.repository.classifications import ON_RESULTS, TAGS, TERMS, WITH_PAGES
from goodpractice.repository.items import GoodPracticeItemPage
from goodpractice.repository.search import fetch_results

RELATED_ITEMS = 3
# Without a shared cache a process hears of another's change when its index is rebuilt.
RELATED_ITEMS_SECONDS = 5 * 60


@dataclass
class IndexedTerm:
    """A theme, region, audience, characteristic or tag of a live item, as the facet index
    holds it: what the item page shows and links to."""

    slug: str
    name: str
    url: str = ""


class GoodPracticeIndexPage(
    CachedViewRestrictionsMixin, RoutablePageMixin, IntroductionMixin, Page
):
    """The repository of good practice: the items live under it."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["repository.GoodPracticeItemPage"]
    max_count = 1

    class Meta:
        verbose_name = "good practice repository"

    def url_for_term(self, term):
        """The listing of one theme or region, e.g. /good-practice/themes/<slug>/."""
        return self._term_url(term.url_prefix, term.slug)

    def url_for_route(self, name):
        return self.url + self.reverse_subpage(name)

    def route(self, request, path_components):
        """The repository's own routes first; then an item, read as the item it is in one
        query (Wagtail's default reads the page, then its item row), knowing its parent."""
        if path_components:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                item = (
                    GoodPracticeItemPage.objects.child_of(self)
                    .filter(slug=path_components[0])
                    .first()
                )
                if item is not None:
                    item._cached_parent_obj = self
                    return item.route(request, path_components[1:])
        return super().route(request, path_components)

    def url_for_tag(self, slug):
        return f"{self.url}?{TAGS.key}={slug}"

    def indexed_classification(self, item):
        """{field name: [IndexedTerm]} for a live item's terms and its tags, from the facet
        index with no query (themes and regions carrying the address of their listing, tags
        their filtered listing); None when the index does not hold it (a draft, a preview)."""
        found = facet_index.get_index(self).classification_of(item.pk)
        if found is None:
            return None
        base, terms = self.url, {}
        for classification in TERMS:
            prefix = classification.term_model.url_prefix if classification.has_pages else ""
            terms[classification.field_name] = [
                IndexedTerm(slug, name, self._term_url(prefix, slug, base) if prefix else "")
                for slug, name in found.get(classification.key, [])
            ]
        terms[TAGS.field_name] = [
            IndexedTerm(slug, name, f"{base}?{TAGS.key}={slug}")
            for slug, name in found.get(TAGS.key, [])
        ]
        return terms

    def _term_url(self, prefix, slug, base=None):
        base = self.url if base is None else base
        return base + self.reverse_subpage(f"{prefix}_detail", kwargs={"slug": slug})

    def related_items(self, item, terms_by_field, limit=RELATED_ITEMS, kept=False):
        """Other live items sharing a theme or region with `item` (its terms, by field name),
        those sharing most first, then newest: chosen from the facet index, since a query over
        every item takes 0.5 s at 100,000.

        `kept`: the terms are the live item's, from the index, so the answer is the same until
        the index changes (any item, term or tag) or a page moves: it is kept in the cache
        under both versions, and fetched once per change rather than on every view."""
        terms = [
            (classification.key, term.slug)
            for classification in ON_RESULTS
            for term in terms_by_field[classification.field_name]
        ]
        index = facet_index.get_index(self)

        def build():
            return fetch_results(index, index.most_shared(terms, limit, exclude=[item.pk]))

        if not kept:
            return build()
        # The site chrome's version too: a page moved or renamed changes the items' addresses.
        versions = f"{index.version}:{site_chrome.current_version()}"
        key = f"goodpractice:related-items:{versions}:{self.pk}:{item.pk}:{limit}"
        return cache.get_or_set(key, build, RELATED_ITEMS_SECONDS)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        models = [classification.term_model for classification in WITH_PAGES]
        routes = [self.reverse_subpage(f"{model.url_prefix}_list") for model in models]
        routes.append(self.reverse_subpage("coverage"))
        for model in models:
            routes += [
                self.reverse_subpage(f"{model.url_prefix}_detail", kwargs={"slug": slug})
                for slug in model.objects.values_list("slug", flat=True)
            ]
        return urls + [{"location": base + route} for route in routes]

    @path("", name="index")
    def index_route(self, request):
        return views.search_view(self, request)

    @path("themes/", name="themes_list")
    def themes_list(self, request):
        return views.term_list_view(self, request, "theme")

    @path("regions/", name="regions_list")
    def regions_list(self, request):
        return views.term_list_view(self, request, "region")

    @path("themes/<slug:slug>/", name="themes_detail")
    def theme_detail(self, request, slug):
        return views.term_view(self, request, get_object_or_404(Theme, slug=slug), facet="theme")

    @path("regions/<slug:slug>/", name="regions_detail")
    def region_detail(self, request, slug):
        return views.term_view(self, request, get_object_or_404(Region, slug=slug), facet="region")

    @path("coverage/", name="coverage")
    def coverage(self, request):
        return views.coverage_view(self, request)

    @path("feed/", name="feed_atom")
    def feed_atom(self, request):
        return feeds.AtomItemsFeed(self)(request)

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return feeds.RssItemsFeed(self)(request)

    @path("download/csv/", name="export_csv")
    def export_csv(self, request):
        return exports.csv_response(self, request)

    @path("download/json/", name="export_json")
    def export_json(self, request):
        return exports.json_response(self, request)

    @path("autocomplete/", name="autocomplete")
    def autocomplete(self, request):
        return views.autocomplete_view(self, request)


__all__ = ["GoodPracticeIndexPage"]
