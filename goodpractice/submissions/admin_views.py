"""The quality team's "Submissions" area in the Wagtail admin.

A ModelViewSet with only what moderation needs: a filtered listing, a detail view with the
decision forms, the history, and a permission-checked download of attachments. Submissions
are never created, edited or deleted here: the submitter's words are kept as sent, and the
quality team edits the draft item made on acceptance instead.
"""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property

from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from goodpractice.classification.models import Region, Theme
from goodpractice.repository.classifications import CHOICES, TAGS, TERMS
from goodpractice.submissions import moderation
from goodpractice.submissions.forms import DecisionForm
from goodpractice.submissions.models import (
    EmailNotice,
    RegionModerators,
    Submission,
    SubmissionAttachment,
)
from resources.inspection import MIME_TYPES

DECISIONS = {
    "accept": ("Accept and create a draft item", moderation.accept),
    "request_changes": ("Ask for changes", moderation.request_changes),
    "reject": ("Do not accept", moderation.reject),
}


def is_region_moderator(user):
    return RegionModerators.objects.filter(group__in=user.groups.all()).exists()


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """`view` and `moderate` for the quality team (model permissions) and, for their own
    regions' submissions, members of region moderator groups. Nothing else, for anyone."""

    def user_has_permission(self, user, action):
        if action not in ("view", "moderate") or not (user.is_authenticated and user.is_active):
            return False
        return super().user_has_permission(user, action) or is_region_moderator(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and Submission.objects.visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return Submission.objects.visible_to(user)
        return Submission.objects.none()


permission_policy = SubmissionPermissionPolicy(Submission)


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=Submission.Status.choices, empty_label="Any status"
    )
    region = django_filters.ModelChoiceFilter(
        field_name="regions", queryset=Region.objects.all(), empty_label="Any region"
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=Theme.objects.all(), empty_label="Any theme"
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label="Submitted", widget=DateRangePickerWidget
    )

    class Meta:
        model = Submission
        fields = []


class SubmissionIndexView(IndexView):
    any_permission_required = ["view"]
    default_ordering = "-submitted_at"
    search_fields = ["reference", "title", "summary", "contact_organisation"]

    def get_base_queryset(self):
        visible = Submission.objects.visible_to(self.request.user).outside_quarantine()
        return visible.for_admin_listing()

    def filter_queryset(self, queryset):
        # A submission in two chosen regions must appear once.
        return super().filter_queryset(queryset).distinct()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "reference",
                label="Reference",
                sort_key="pk",
                get_url=lambda submission: reverse("submissions:inspect", args=[submission.pk]),
            ),
            Column("title", label="Title", sort_key="title"),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column(
                "regions",
                label="Regions",
                accessor=lambda submission: ", ".join(r.name for r in submission.regions.all()),
            ),
            DateColumn("submitted_at", label="Submitted", sort_key="submitted_at"),
        ]


class QuarantineIndexView(SubmissionIndexView):
    """Submissions that failed the bot checks, kept for the quality team to release or
    delete (docs/submissions.md, "Abuse")."""

    page_title = "Quarantined submissions"

    def get_base_queryset(self):
        return Submission.objects.visible_to(self.request.user).quarantined().for_admin_listing()

    @cached_property
    def columns(self):
        return [
            *super().columns[:2],
            Column("quarantine_reason", label="Bot check failed"),
            DateColumn("submitted_at", label="Sent", sort_key="submitted_at"),
        ]


class SubmissionDetailView(InspectView):
    """Everything submitted, escaped by the template; the decision forms; the possible
    duplicates. Posting here takes a decision (or erases the submitter's details)."""

    any_permission_required = ["view"]
    template_name = "submissions/admin/submission_detail.html"
    page_title = "Submission"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Submission.objects.visible_to(self.request.user).prefetch_related(
                *(classification.submission_field for classification in TERMS), "messages"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.reference

    @cached_property
    def header_more_buttons(self):
        return []

    @cached_property
    def can_moderate(self):
        return permission_policy.user_has_permission(self.request.user, "moderate")

    def get_decision_forms(self, bound=None):
        forms = {action: DecisionForm(action=action, prefix=action) for action in DECISIONS}
        if bound is not None:
            forms[bound.action] = bound
        return [(action, DECISIONS[action][0], form) for action, form in forms.items()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        context.update(
            submission=submission,
            attachments=submission.attachments.all(),
            similar_items=submission.similar_items(),
            submitter_messages=submission.messages.all(),
            email_notices=submission.email_notices.all(),
            classification_answers=[
                (
                    classification.moderation_label,
                    classification.submitted_text(submission)
                    or ("None" if classification.required else "Not given"),
                )
                for classification in [
                    *TERMS,
                    TAGS,
                    *CHOICES,
                ]
            ],
            can_moderate=self.can_moderate,
            decision_forms=(
                self.get_decision_forms(kwargs.get("bound_form"))
                if self.can_moderate and submission.is_waiting
                else []
            ),
            history_url=reverse("submissions:history", args=[submission.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_moderate:
            raise Http404
        action = request.POST.get("action")
        if action == "erase":
            return self.erase(request)
        if action in ("release", "delete"):
            return self.release_or_delete(request, action)
        if action not in DECISIONS:
            messages.error(request, "Choose an action.")
            return redirect("submissions:inspect", self.object.pk)
        form = DecisionForm(request.POST, action=action, prefix=action)
        if not form.is_valid():
            messages.validation_error(request, "The decision was not saved. Check the form.", form)
            return self.render_to_response(self.get_context_data(bound_form=form))
        try:
            submission = DECISIONS[action][1](
                self.object,
                request.user,
                form.cleaned_data["criteria"],
                form.cleaned_data["message"],
            )
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return redirect("submissions:inspect", self.object.pk)
        except ValidationError as error:
            problems = "; ".join(error.messages)
            messages.error(request, f"The draft item could not be made: {problems}")
            return redirect("submissions:inspect", self.object.pk)
        if action == "accept":
            messages.success(
                request,
                f"{submission.reference} accepted. Check the draft item, then submit it to the "
                "quality team's approval workflow to publish it.",
            )
            return redirect("wagtailadmin_pages:edit", submission.item_id)
        messages.success(request, f"{submission.reference}: {submission.get_status_display()}.")
        return redirect("submissions:inspect", submission.pk)

    def release_or_delete(self, request, action):
        try:
            if action == "release":
                submission = moderation.release(self.object, request.user)
            else:
                reference = moderation.delete_quarantined(self.object, request.user)
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return redirect("submissions:inspect", self.object.pk)
        if action == "delete":
            messages.success(request, f"{reference} deleted.")
            return redirect("submissions:quarantine")
        messages.success(request, f"{submission.reference} released to the moderation queue.")
        return redirect("submissions:inspect", submission.pk)

    def erase(self, request):
        submission = self.object
        if not request.POST.get("confirm_erase"):
            messages.error(request, "Tick the box to confirm that the details should be erased.")
        elif submission.personal_data_erased_at:
            messages.info(request, "The submitter's details were already erased.")
        else:
            moderation.erase(submission, request.user)
            messages.success(request, f"The submitter's details on {submission.reference} erased.")
        return redirect("submissions:inspect", submission.pk)


class SubmissionHistoryView(HistoryView):
    any_permission_required = ["view"]

    def get_object(self, queryset=None):
        return get_object_or_404(Submission.objects.visible_to(self.request.user), pk=self.pk)


def download_attachment(request, pk):
    """Moderators only; always as a download, never shown inline in the admin's origin."""
    if not permission_policy.user_has_permission(request.user, "view"):
        raise Http404
    attachment = get_object_or_404(
        SubmissionAttachment.objects.select_related("submission").filter(
            submission__in=Submission.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    # Asked first: S3 storage opens lazily and would fail only once the answer had begun.
    if not attachment.file.storage.exists(attachment.file.name):
        raise Http404("The file is no longer stored")
    try:
        file = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is no longer stored") from error
    moderation.log_attachment_download(attachment, request.user)
    response = FileResponse(
        file,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=MIME_TYPES.get(attachment.detected_format, "application/octet-stream"),
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


class QuarantineMenuItem(MenuItem):
    """ "Quarantined submissions", beside "Submissions", with the number waiting."""

    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "view")

    def render_component(self, request):
        held = Submission.objects.visible_to(request.user).quarantined().count()
        component = super().render_component(request)
        if held:
            component.label = f"{self.label} ({held})"
        return component


class SubmissionsMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "view")

    def render_component(self, request):
        waiting = Submission.objects.visible_to(request.user).awaiting_review().count()
        component = super().render_component(request)
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component


class SubmissionViewSet(ModelViewSet):
    model = Submission
    name = "submissions"
    icon = "form"
    menu_label = "Submissions"
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionDetailView
    history_view_class = SubmissionHistoryView
    filterset_class = SubmissionFilterSet
    search_fields = SubmissionIndexView.search_fields

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, delete, copy or usage views: submissions are kept as sent.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    @cached_property
    def menu_item_class(self):
        return SubmissionsMenuItem

    def get_quarantine_view_kwargs(self, **kwargs):
        return self.get_index_view_kwargs(
            index_url_name=self.get_url_name("quarantine"),
            index_results_url_name=self.get_url_name("quarantine_results"),
            filterset_class=None,
            **kwargs,
        )

    @property
    def quarantine_view(self):
        return self.construct_view(QuarantineIndexView, **self.get_quarantine_view_kwargs())

    @property
    def quarantine_results_view(self):
        return self.construct_view(
            QuarantineIndexView, **self.get_quarantine_view_kwargs(results_only=True)
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("quarantine/", self.quarantine_view, name="quarantine"),
            path("quarantine/results/", self.quarantine_results_view, name="quarantine_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("attachment/<int:pk>/", download_attachment, name="attachment"),
        ]


class DashboardPanel(Component):
    """Waiting, oldest waiting, median days to a decision, and counts by region, theme and
    outcome, for the people who moderate."""

    name = "submissions"
    order = 150
    template_name = "submissions/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        visible = Submission.objects.visible_to(self.request.user)
        failed = EmailNotice.objects.failed().filter(submission__in=visible)
        return {
            "stats": visible.statistics(),
            "index_url": reverse("submissions:index"),
            "failed_emails": failed.select_related("submission")[:10],
            "failed_email_count": failed.count(),
        }
