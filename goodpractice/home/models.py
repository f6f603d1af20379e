"""The site's common page types: the home page and general content pages."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from goodpractice.home.blocks import BodyBlock
from goodpractice.home.footer import FooterLink, SiteFooter
from goodpractice.home.routing import CachedChildRoutingMixin, CachedViewRestrictionsMixin


class IntroductionMixin(models.Model):
    """A short plain-text lead paragraph, shown under the page's main heading."""

    introduction = models.TextField(
        blank=True,
        max_length=600,
        help_text="One or two sentences that say what this page is for. Plain text.",
    )

    class Meta:
        abstract = True


class HomePage(CachedChildRoutingMixin, CachedViewRestrictionsMixin, IntroductionMixin, Page):
    """The site's front page: what the repository is, its themes and its newest items (the
    repository's part comes from its `repository_overview` template tag)."""

    body = StreamField(BodyBlock(), blank=True, help_text="Optional content below the themes.")

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "repository.GoodPracticeIndexPage",
        "resources.ResourceIndexPage",
        "submissions.SubmitGoodPracticePage",
        "calendars.CalendarPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class ContentPage(CachedViewRestrictionsMixin, IntroductionMixin, Page):
    """A general page of headings, text, call-outs, links, documents and images."""

    body = StreamField(BodyBlock(), help_text="The page's content, in order.")

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = "content page"


__all__ = ["ContentPage", "FooterLink", "HomePage", "IntroductionMixin", "SiteFooter"]
