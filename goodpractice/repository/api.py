"""The items endpoint of Wagtail's read-only API (v2), at /api/v2/items/.

Only live, public items are listed, and only the fields in GoodPracticeItemPage.api_fields
are exposed (the lead contact's email only when they agreed to publish it). The router that
serves it is the project's (goodpractice.api).
"""

from django.db.models import Prefetch

from wagtail.api.v2.views import PagesAPIViewSet

from goodpractice.repository.classifications import TERMS
from goodpractice.repository.items import GoodPracticeItemDocument, GoodPracticeItemPage


class ItemsAPIViewSet(PagesAPIViewSet):
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "summary",
        "themes",
        "regions",
    ]
    name = "items"
    model = GoodPracticeItemPage

    def get_queryset(self):
        # The `type` parameter cannot widen this endpoint beyond items. Every relation an item
        # shows is fetched once for the whole page of results, not once an item.
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
