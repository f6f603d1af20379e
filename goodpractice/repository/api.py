"""The items endpoint of Wagtail's read-only API (v2), at /api/v2/items/.

Only live, public items are listed, and only the fields in GoodPracticeItemPage.api_fields
are exposed (the lead contact's email only when they agreed to publish it). The router that
serves it is the project's (goodpractice.api).

What a caller sends is made safe before Wagtail reads it: the search text is cleaned like the
repository's search box (no control characters, at most MAX_QUERY_LENGTH, only its words:
PostgreSQL refuses a NUL and SQLite's FTS5 a stray quote), an unknown search_operator is a
400, and an id no page can have is a 404, not a database error.
"""

from django.db.models import Prefetch
from django.http import Http404

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from goodpractice.repository.classifications import TERMS
from goodpractice.repository.items import GoodPracticeItemDocument, GoodPracticeItemPage
from goodpractice.repository.search.text import clean_query_text, search_words

MAX_ID = 2**31 - 1  # the largest page id PostgreSQL's integer column can hold
SEARCH_OPERATORS = {"and", "or"}


class ItemsAPIViewSet(PagesAPIViewSet):
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "summary",
        "themes",
        "regions",
    ]
    name = "items"
    model = GoodPracticeItemPage

    def listing_view(self, request):
        query = request.GET.copy()
        if query.get("search_operator", "and") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        self.nothing_to_search = False
        if "search" in query:
            words = search_words(clean_query_text(query["search"])[0])
            if words:
                query["search"] = words
            else:  # nothing searchable (only punctuation, say): nothing matches
                del query["search"]
                self.nothing_to_search = True
        request._request.GET = query
        return super().listing_view(request)

    def detail_view(self, request, pk):
        if not 0 < pk <= MAX_ID:
            raise Http404("not found")
        return super().detail_view(request, pk)

    def find_view(self, request):
        identifier = request.GET.get("id", "")
        if identifier and not (identifier.isdigit() and 0 < int(identifier) <= MAX_ID):
            raise Http404("not found")
        return super().find_view(request)

    def get_queryset(self):
        # The `type` parameter cannot widen this endpoint beyond items. Every relation an item
        # shows is fetched once for the whole page of results, not once an item.
        if getattr(self, "nothing_to_search", False):
            return self.model.objects.none()
        return (
            self.model.objects.filter(pk__in=self.get_base_queryset().values("pk"))
            .order_by("-first_published_at", "-pk")
            .select_related("locale")
            .prefetch_related(
                *(classification.field_name for classification in TERMS),
                "tags",
                Prefetch(
                    "documents",
                    queryset=GoodPracticeItemDocument.objects.select_related("document"),
                ),
            )
        )
