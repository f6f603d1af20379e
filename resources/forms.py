"""The admin's document form: uploads checked by their content, not their name."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from wagtail.documents.forms import BaseDocumentForm
from wagtail.documents.widgets import AdminDocumentChooser

from resources.choices import DocumentLanguage
from resources.inspection import ALL_FORMATS, inspect_upload


class ResourceDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing any file that is not what its name says.

    Used for the add, edit and multiple-upload views (WAGTAILDOCS_DOCUMENT_FORM_BASE). The
    format and page count are stored on save, so they show straight after the upload; the
    background task then reads the text for search.
    """

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "audiences": forms.CheckboxSelectMultiple,
            "alternative_of": AdminDocumentChooser,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = None
        self.file_refusal = None
        if "file" in self.fields:
            # An empty file reaches the inspection, whose message names it.
            self.fields["file"].allow_empty_file = True
        if "language" in self.fields:
            # The multiple uploader posts only a title and a file: English unless changed.
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or DocumentLanguage.ENGLISH

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            try:
                self.inspection = inspect_upload(
                    uploaded, allowed=ALL_FORMATS, max_size=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
                )
            except ValidationError as error:
                self.file_refusal = error
                raise
        return uploaded

    def _post_clean(self):
        super()._post_clean()
        if self.file_refusal is not None:
            # The model's extension check has just run on the empty file a refusal leaves
            # ("File extension “” is not allowed"): only the refusal says what is wrong.
            self._errors["file"] = self.error_class(self.file_refusal.messages)

    def clean(self):
        cleaned = super().clean()
        main = cleaned.get("alternative_of")
        if main is not None and self.instance.pk and main.pk == self.instance.pk:
            self.add_error("alternative_of", "A document cannot be another format of itself.")
        return cleaned

    def save(self, commit=True):
        if self.inspection is not None:
            self.instance.detected_format = self.inspection.format
            self.instance.page_count = self.inspection.page_count
        return super().save(commit=commit)
