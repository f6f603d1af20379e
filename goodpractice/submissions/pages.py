"""The public submission page: its guidance, criteria and privacy notice are edited here, and
its routes (the form, the reference, the status page) hand each request to
goodpractice.submissions.views."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from goodpractice.home.routing import CachedViewRestrictionsMixin
from goodpractice.submissions import views


class SubmitGoodPracticePage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """The public form: guidance, the published criteria and the privacy notice are edited here."""

    introduction = models.TextField(
        max_length=600,
        help_text="One or two sentences under the heading: who should submit and what happens "
        "next. Plain text.",
    )
    guidance = RichTextField(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text="What a good submission includes. Shown above the form.",
    )
    criteria = RichTextField(
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text="The criteria the quality team applies: useful learning, plain English, "
        "evidence of impact, new or exceeding standards. Decisions refer to these.",
    )
    privacy_notice = RichTextField(
        features=["bold", "italic", "ol", "ul", "link"],
        help_text="How the submitter's contact details are used and how long they are kept. "
        "Shown beside the data-protection consent.",
    )
    success_message = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Shown after someone submits, under their reference number.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("guidance"),
        FieldPanel("criteria"),
        FieldPanel("privacy_notice"),
        FieldPanel("success_message"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "submission page"

    @path("", name="form")
    def form_route(self, request):
        return views.submission_form(request, self)

    @path("sent/", name="sent")
    def sent_route(self, request):
        return views.submission_sent(request, self)

    @path("status/<str:token>/", name="status")
    def status_route(self, request, token):
        return views.submission_status(request, self, token)

    def status_path(self, submission):
        return self.url + self.reverse_subpage("status", kwargs={"token": submission.status_token})

    def status_url(self, submission, request=None):
        """The full private link, for emails: at the address the request came to, or else
        the site's configured address (WAGTAILADMIN_BASE_URL), never Wagtail's site record,
        which says http://localhost/ until someone edits it."""
        path = self.status_path(submission)
        if request is not None:
            return request.build_absolute_uri(path)
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


__all__ = ["SubmitGoodPracticePage"]
