"""Wagtail's read-only API (v2) for the repository's items, at /api/v2/items/.

Only live, public items are listed, and only the fields in GoodPracticeItemPage.api_fields
are exposed (the lead contact's email only when they agreed to publish it).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from goodpractice.models import GoodPracticeItemPage


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
        # The `type` parameter cannot widen this endpoint beyond items.
        return self.model.objects.filter(pk__in=self.get_base_queryset().values("pk")).order_by(
            "-first_published_at", "-pk"
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("items", ItemsAPIViewSet)
