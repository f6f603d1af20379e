"""Themes, regions and audiences as snippets, grouped under "Classification" in the admin.

The protected characteristics are fixed by law and not edited here.
"""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from goodpractice.classification.models import Audience, Region, Theme


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"


class RegionViewSet(TaxonomyViewSet):
    model = Region
    icon = "site"
    menu_label = "Regions"


class AudienceViewSet(TaxonomyViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"


class ClassificationViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, RegionViewSet, AudienceViewSet)
    menu_icon = "list-ul"
    menu_label = "Classification"
    menu_name = "classification"
    menu_order = 250


register_snippet(ClassificationViewSetGroup)
