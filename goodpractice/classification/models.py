"""What items are classified by: themes, regions, audiences, protected characteristics."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class TaxonomyTerm(index.Indexed, Orderable):
    """An ordered, sluggable term that editors manage as a snippet."""

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(
        max_length=150,
        unique=True,
        allow_unicode=False,
        help_text="Used in web addresses, e.g. 'training-and-development'. Lower case and hyphens.",
    )
    description = models.TextField(
        blank=True,
        help_text="One or two plain sentences shown at the top of this term's page.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Theme(TaxonomyTerm):
    """A theme the Deans' group groups good practice under."""

    url_prefix = "themes"

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "theme"


class Region(TaxonomyTerm):
    """A postgraduate deanery region (NHS England local office area)."""

    url_prefix = "regions"

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "region"


class Audience(TaxonomyTerm):
    """Who an initiative is for, e.g. international medical graduates or trainers."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "audience"


class ProtectedCharacteristic(models.Model):
    """One of the nine protected characteristics in the Equality Act 2010, s.4.

    Fixed by law, so the rows come from a data migration (classification 0002) and are not
    edited in the admin.
    """

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


__all__ = [
    "Audience",
    "ProtectedCharacteristic",
    "Region",
    "Theme",
]
