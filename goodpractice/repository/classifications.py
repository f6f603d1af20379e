"""The ways an item is classified, declared once.

Each entry of CLASSIFICATIONS is one way of classifying items (its themes, its regions, its
tags, ...). Everything that deals in classifications reads this list rather than naming
them: the item's and the submission's fields (added to both models from here), the item's
edit panels, search fields and API fields, the repository's filters and facet counts, the
facet index and what makes it stale, the coverage grid, the item page's summary, the CSV and
JSON columns, feed categories, the submission form and its check page, the moderators' view
and the copying of an accepted submission onto its draft item.

Adding a classification is one entry here, its two migrations (`makemigrations repository
submissions`) and its tests; docs/architecture.md walks through an example.
"""

from django.db import models
from django.forms import CheckboxSelectMultiple, RadioSelect

from modelcluster.fields import ParentalManyToManyField

from goodpractice.classification.models import Audience, ProtectedCharacteristic, Region, Theme


class ItemStatus(models.TextChoices):
    PILOT = "pilot", "Pilot"
    EMBEDDED = "embedded", "Embedded"
    ENDED = "ended", "Ended"


class Evaluation(models.TextChoices):
    NONE = "none", "Not evaluated"
    INFORMAL = "informal", "Informal evaluation"
    FORMAL = "formal", "Formal evaluation"
    PUBLISHED = "published", "Published evaluation"


class Classification:
    """What every kind of classification declares.

    key: its name in addresses (`?theme=...`) and in the facet index.
    field_name: the item's field; submission_field: the submission's (the same by default).
    label: the filter's legend and the singular heading; item_heading: the item page's
    heading when it is not the label, pluralised.
    on_results: result cards and feed entries list its values (`<key>_names` on a result).
    searched: its names are part of an item's searchable text.
    """

    kind = ""
    widget = None

    def __init__(
        self,
        key,
        field_name,
        label,
        *,
        submission_field=None,
        item_heading=None,
        help_text="",
        form_label=None,
        form_help_text="",
        moderation_label=None,
        required=False,
        required_message="",
        on_results=False,
        searched=False,
    ):
        self.key, self.field_name, self.label = key, field_name, label
        self.submission_field = submission_field or field_name
        self.item_heading = item_heading
        self.help_text = help_text
        self.form_label = form_label or (label if required else f"{label} (optional)")
        self.form_help_text = form_help_text
        self.moderation_label = moderation_label or self.form_label.removesuffix(" (optional)")
        self.required = required
        self.required_message = required_message
        self.on_results = on_results
        self.searched = searched

    @property
    def column(self):
        """Its column in the CSV and JSON downloads."""
        return self.field_name

    def heading(self, count):
        if self.item_heading:
            return self.item_heading
        return self.label if count == 1 else f"{self.label}s"

    # The fields each model gets (None: the model declares its own).
    def item_model_field(self):
        return None

    def submission_model_field(self):
        return None

    def form_error_messages(self):
        return {"required": self.required_message} if self.required_message else {}

    def submitted_text(self, submission):
        """What the submission says, as the moderators read it."""
        return getattr(submission, self.submission_field)


class TermClassification(Classification):
    """A many-to-many to one of the classification app's term models, chosen by slug."""

    kind = "terms"
    widget = CheckboxSelectMultiple

    def __init__(self, key, field_name, label, term_model, *, has_pages=False, **kwargs):
        super().__init__(key, field_name, label, **kwargs)
        self.term_model = term_model
        self.has_pages = has_pages  # the repository has a page per term (themes/<slug>/)

    def item_model_field(self):
        return ParentalManyToManyField(
            self.term_model,
            related_name="items",
            blank=not self.required,
            verbose_name=(self.item_heading or self.field_name.replace("_", " ")).lower(),
            help_text=self.help_text,
        )

    def submission_model_field(self):
        return models.ManyToManyField(
            self.term_model,
            related_name="submissions",
            blank=not self.required,
            verbose_name=(self.item_heading or self.field_name.replace("_", " ")).lower(),
        )

    def copy(self, submission, item):
        setattr(item, self.field_name, list(getattr(submission, self.submission_field).all()))

    def submitted_text(self, submission):
        return ", ".join(str(term) for term in getattr(submission, self.submission_field).all())


class ChoiceClassification(Classification):
    """One of a fixed list of values, kept on the item itself (blank: not recorded)."""

    kind = "choices"
    widget = RadioSelect

    def __init__(self, key, field_name, label, choices, **kwargs):
        super().__init__(key, field_name, label, **kwargs)
        self.choices = choices

    def item_model_field(self):
        return models.CharField(
            max_length=20, choices=self.choices, blank=True, help_text=self.help_text
        )

    def submission_model_field(self):
        return models.CharField(
            self.form_label.removesuffix(" (optional)").lower(),
            max_length=20,
            choices=self.choices,
            blank=True,
        )

    def copy(self, submission, item):
        setattr(item, self.field_name, getattr(submission, self.submission_field))

    def submitted_text(self, submission):
        return getattr(submission, f"get_{self.submission_field}_display")()


class TagClassification(Classification):
    """Free-text keywords: the item's tag manager and the submission's suggested keywords are
    declared by their models (a tag manager needs its through model beside it)."""

    kind = "tags"

    def heading(self, count):
        return self.label + ("" if count == 1 else "s")

    def copy(self, submission, item):
        item.tags.add(*submission.tag_list)


CLASSIFICATIONS = (
    TermClassification(
        "theme",
        "themes",
        "Theme",
        Theme,
        has_pages=True,
        required=True,
        required_message="Choose at least one theme",
        help_text="Choose at least one theme.",
        form_label="Themes",
        form_help_text="Choose at least one.",
        on_results=True,
        searched=True,
    ),
    TermClassification(
        "region",
        "regions",
        "Region",
        Region,
        has_pages=True,
        required=True,
        required_message="Choose at least one region",
        help_text="Every region that ran it: an item shared by two regions belongs to both.",
        form_label="Regions",
        form_help_text="Every region that ran it.",
        on_results=True,
        searched=True,
    ),
    TagClassification(
        "tag",
        "tags",
        "Tag",
        submission_field="suggested_tags",
        form_label="Suggested keywords (optional)",
        form_help_text="Words people might search for, separated by commas, for example "
        "'induction, peer support'.",
        searched=True,
    ),
    TermClassification(
        "audience",
        "audiences",
        "Audience",
        Audience,
        item_heading="Audiences",
        moderation_label="Audiences",
        help_text="Who the initiative is for.",
        form_label="Who it is for (optional)",
    ),
    TermClassification(
        "characteristic",
        "protected_characteristics",
        "Protected characteristic",
        ProtectedCharacteristic,
        item_heading="Protected characteristics addressed",
        help_text="The protected characteristics (Equality Act 2010) this work addresses.",
        form_label="Protected characteristics addressed (optional)",
    ),
    ChoiceClassification(
        "status",
        "status",
        "Status",
        ItemStatus.choices,
        submission_field="initiative_status",
        item_heading="Status",
        help_text="Leave blank if the team has not said.",
        form_label="Status of the initiative (optional)",
    ),
    ChoiceClassification(
        "evaluation",
        "evaluation",
        "Evaluation",
        Evaluation.choices,
        item_heading="Evaluation",
        help_text="How the initiative has been evaluated. Leave blank if the team has not said.",
    ),
)

BY_KEY = {classification.key: classification for classification in CLASSIFICATIONS}
TERMS = tuple(c for c in CLASSIFICATIONS if c.kind == "terms")
CHOICES = tuple(c for c in CLASSIFICATIONS if c.kind == "choices")
TAGS = BY_KEY["tag"]
ON_RESULTS = tuple(c for c in TERMS if c.on_results)
WITH_PAGES = tuple(c for c in TERMS if c.has_pages)
# The coverage grid: regions down the side, themes across.
COVERAGE_ROWS, COVERAGE_COLUMNS = BY_KEY["region"], BY_KEY["theme"]


def add_item_fields(model):
    """Give the item model the field each classification makes for it."""
    for classification in CLASSIFICATIONS:
        field = classification.item_model_field()
        if field is not None:
            model.add_to_class(classification.field_name, field)


def add_submission_fields(model):
    """Give the submission model the field each classification makes for it."""
    for classification in CLASSIFICATIONS:
        field = classification.submission_model_field()
        if field is not None:
            model.add_to_class(classification.submission_field, field)
