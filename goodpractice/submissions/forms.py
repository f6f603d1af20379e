"""The public submission form and the quality team's decision form.

Files are checked one by one: a good file is kept (in a holding area keyed to the form's
one-time token) even when another file or field has an error, so nobody uploads it twice.
"""

import secrets
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat

from goodpractice.repository.classifications import CHOICES, CLASSIFICATIONS, TAGS, TERMS
from goodpractice.submissions.submission import (
    ReviewCriterion,
    Submission,
    SubmissionAttachment,
)
from resources.inspection import inspect_upload

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_HELD_BYTES = 3 * MAX_ATTACHMENT_SIZE  # all the files on one form together
FORM_TOKEN_SALT = "goodpractice.submission-form"  # noqa: S105 (a salt, not a secret)
FORM_TOKEN_MAX_AGE = 2 * 24 * 3600  # held files last a day (submission.HELD_FILES_MAX_AGE)
# The honeypot's name: nothing a browser's autofill recognises (not "website", "url", "name",
# "email", "phone" or "address"), so a person's browser never fills it in for them.
HONEYPOT_FIELD = "hp_confirm_7"
# The privacy notice, a content page at this address (the demo content makes it), linked by
# the consent questions without a query on every form.
PRIVACY_NOTICE_URL = "/privacy/"
# On the form: the terms to choose from, then the keywords to suggest, then the choices.
CLASSIFICATION_FIELDS = [*(c.submission_field for c in TERMS), TAGS.submission_field]
STATUS_FIELDS = [classification.submission_field for classification in CHOICES]
# Optional, as NICE Shared Learning asks; copied onto the item (moderation.LEARNING_FIELDS).
LEARNING_FIELDS = ["key_learning", "transferability", "costs"]


def new_form_token():
    return signing.dumps(
        {"token": secrets.token_urlsafe(32), "started": int(time.time())}, salt=FORM_TOKEN_SALT
    )


def read_form_token(value):
    """(token, seconds since the form was first shown), or (None, None) if not ours."""
    try:
        data = signing.loads(value or "", salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE)
        return str(data["token"]), time.time() - int(data["started"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None, None


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id no term can have (10**30, say) is an invalid choice rather
    than a database error (SQLite cannot even compare it)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if str(pk).isdigit() and int(str(pk)) > 2**31 - 1:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [file for file in files if file]


class SubmissionForm(forms.ModelForm):
    privacy_notice_url = PRIVACY_NOTICE_URL
    data_protection_consent = forms.BooleanField(
        label="I agree to the quality team keeping these details to handle this submission",
        error_messages={
            "required": "Confirm that you agree to us keeping your details, as explained in the "
            "privacy notice"
        },
    )
    attachments = MultipleFileField(
        required=False,
        label="Supporting documents (optional)",
        help_text=f"Up to {MAX_ATTACHMENTS} files: PDF, Word (.docx) or PowerPoint (.pptx), "
        f"each {filesizeformat(MAX_ATTACHMENT_SIZE)} or smaller.",
    )
    # A field people never see (visually hidden, out of the tab order, labelled for anyone
    # whose screen reader reaches it); bots fill it in. Its name is HONEYPOT_FIELD.
    hp_confirm_7 = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Submission
        fields = [
            "title",
            "summary",
            "problem",
            "what_was_done",
            "outcomes",
            *LEARNING_FIELDS,
            *CLASSIFICATION_FIELDS,
            *STATUS_FIELDS,
            "learners_reached",
            "contact_name",
            "contact_role",
            "contact_organisation",
            "contact_email",
            "show_contact_details",
            "show_contact_email",
        ]
        field_classes = {c.submission_field: TermChoiceField for c in TERMS}
        labels = {
            "title": "Title of the initiative",
            "summary": "Summary",
            "problem": "The problem",
            "what_was_done": "What was done",
            "outcomes": "Outcomes and impact",
            "key_learning": "Key learning (optional)",
            "transferability": "Transferability (optional)",
            "costs": "Costs (optional)",
            **{c.submission_field: c.form_label for c in CLASSIFICATIONS},
            "learners_reached": "Learners reached (optional)",
            "contact_name": "Full name",
            "contact_role": "Role (optional)",
            "contact_organisation": "Organisation",
            "contact_email": "Email address",
            "show_contact_details": "Publish my name, role and organisation as the contact for "
            "this initiative",
            "show_contact_email": "Show my email address on the published item",
        }
        help_texts = {
            "title": "A short, plain title, for example 'Induction for international medical "
            "graduates in the North East'.",
            "summary": "What the initiative is, in one to three sentences (400 characters at "
            "most).",
            "problem": "What needed to change, and for whom.",
            "what_was_done": "What the team did, who took part and how it worked.",
            "outcomes": "What changed as a result: figures, feedback, evaluation findings.",
            "key_learning": "What you would tell another region starting the same thing: what "
            "worked, and what you would do differently.",
            "transferability": "Could another region or organisation do this? What does it "
            "depend on, and what would they need to change?",
            "costs": "What it took to run: money, staff time, venues or licences. Only what you "
            "know; leave blank if you do not.",
            **{c.submission_field: c.form_help_text for c in CLASSIFICATIONS if c.form_help_text},
            "learners_reached": "A number you can stand behind. Leave blank if you do not know.",
            "contact_email": "We send your reference and the link to follow your submission here.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 400}),
            "problem": forms.Textarea(attrs={"rows": 6}),
            "what_was_done": forms.Textarea(attrs={"rows": 8}),
            "outcomes": forms.Textarea(attrs={"rows": 6}),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in LEARNING_FIELDS},
            **{c.submission_field: c.widget for c in CLASSIFICATIONS if c.widget},
            "learners_reached": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "contact_email": forms.EmailInput(
                attrs={"autocomplete": "email", "spellcheck": "false"}
            ),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        error_messages = {
            "title": {"required": "Enter the title of the initiative"},
            "summary": {"required": "Enter a summary"},
            "problem": {"required": "Describe the problem the initiative set out to solve"},
            "what_was_done": {"required": "Describe what was done"},
            "outcomes": {"required": "Describe the outcomes and impact"},
            **{c.submission_field: c.form_error_messages() for c in CLASSIFICATIONS},
            "contact_name": {"required": "Enter the lead contact's full name"},
            "contact_organisation": {"required": "Enter the lead contact's organisation"},
            "contact_email": {
                "required": "Enter the lead contact's email address",
                "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
            },
        }

    def __init__(self, *args, held_attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.held_attachments = list(held_attachments)
        self.accepted_uploads = []
        for classification in TERMS:
            field = self.fields[classification.submission_field]
            field.queryset = classification.term_model.objects.all()
        for name in ("contact_name", "contact_organisation", "contact_email"):
            self.fields[name].required = True
        self.fields["learners_reached"].validators.append(
            MaxValueValidator(10_000_000, "Enter a number of learners below 10 million")
        )
        for name in STATUS_FIELDS:
            self.fields[name].choices = [
                choice for choice in self.fields[name].choices if choice[0]
            ]
        if self.instance.pk and self.instance.data_protection_consent_at:
            self.fields["data_protection_consent"].initial = True

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_suggested_tags(self):
        tags = [tag.strip() for tag in self.cleaned_data["suggested_tags"].split(",")]
        tags = [tag for tag in tags if tag]
        if any(len(tag) > 50 for tag in tags):
            raise ValidationError("Keep each keyword to 50 characters or fewer")
        if len(tags) > 10:
            raise ValidationError("Suggest no more than 10 keywords")
        return ", ".join(tags)

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        removing = {int(pk) for pk in self.data.getlist("remove_attachments") if pk.isdigit()}
        kept = [a for a in self.held_attachments if a.pk not in removing]
        room = MAX_ATTACHMENTS - len(kept)
        held_bytes = sum(attachment.size for attachment in kept)
        errors = []
        for uploaded in files:
            try:
                inspection = inspect_upload(uploaded, max_size=MAX_ATTACHMENT_SIZE)
            except ValidationError as error:
                errors.extend(error.messages)
                continue
            if len(self.accepted_uploads) >= room:
                errors.append(
                    f"“{uploaded.name}” was not added: you can attach up to {MAX_ATTACHMENTS} "
                    "files. Remove one to add another."
                )
                continue
            if held_bytes + uploaded.size > MAX_HELD_BYTES:
                errors.append(
                    f"“{uploaded.name}” was not added: the files on one form can be "
                    f"{filesizeformat(MAX_HELD_BYTES)} in all, and {filesizeformat(held_bytes)} "
                    "are already added. Remove a file, or send a smaller one."
                )
                continue
            held_bytes += uploaded.size
            self.accepted_uploads.append((uploaded, inspection))
        if errors:
            raise ValidationError(errors)
        return files

    @property
    def classification_fields(self):
        return [self[name] for name in CLASSIFICATION_FIELDS]

    @property
    def status_fields(self):
        return [self[name] for name in STATUS_FIELDS]

    @property
    def learning_fields(self):
        return [self[name] for name in LEARNING_FIELDS]

    @property
    def attachment_count(self):
        return len(self.held_attachments)


def answer_rows(values):
    """(label, text) for each answer, for the check page and the status page."""
    rows = []
    for name in SubmissionForm.Meta.fields:
        field = SubmissionForm.base_fields[name]
        value = values.get(name)
        if hasattr(value, "all"):
            value = value.all()
        if isinstance(value, bool):
            text = "Yes" if value else "No"
        elif isinstance(value, list | tuple | QuerySet):
            text = ", ".join(str(item) for item in value)
        elif name in STATUS_FIELDS:
            text = dict(field.choices).get(value, "")
        else:
            text = "" if value is None else str(value)
        rows.append((field.label, text or "Not given"))
    return rows


def hold_uploads(form, form_token):
    """Keep the files that passed inspection, whatever else was wrong with the form."""
    for uploaded, inspection in form.accepted_uploads:
        SubmissionAttachment.objects.create(
            form_token=form_token,
            file=uploaded,
            original_name=uploaded.name[:255],
            detected_format=inspection.format,
            size=uploaded.size,
            page_count=inspection.page_count,
        )


class DecisionForm(forms.Form):
    """Accept, request changes or reject, with the reason the submitter will read."""

    criteria = forms.MultipleChoiceField(
        choices=ReviewCriterion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Published criteria this decision refers to",
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        label="Message to the submitter",
        help_text="Shown on their status page and sent by email. Plain text.",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action != "accept":
            self.fields["message"].required = True
            self.fields["message"].error_messages["required"] = (
                "Tell the submitter what to change"
                if action == "request_changes"
                else "Tell the submitter why it was not accepted"
            )

    def clean(self):
        cleaned = super().clean()
        if self.action == "reject" and not cleaned.get("criteria"):
            self.add_error("criteria", "Choose the criteria the submission does not meet")
        return cleaned
