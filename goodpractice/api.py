"""The project's API router: Wagtail's read-only API (v2), at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter

from goodpractice.repository.api import ItemsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("items", ItemsAPIViewSet)
