"""The library's search box and filters."""

import re

from django import forms
from django.utils.functional import cached_property

from goodpractice.classification.models import Audience, Theme
from resources.choices import FORMAT_LABELS, DocumentType
from resources.inspection import ALL_FORMATS

_WORD = re.compile(r"\w+")


class FilterChoiceField(forms.MultipleChoiceField):
    default_error_messages = {
        "invalid_choice": "“%(value)s” is not one of the filters on this page, so it was left out."
    }


class TermChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": "“%(value)s” is not one of the filters on this page, so it was left out.",
        "invalid_pk_value": "“%(pk)s” is not one of the filters on this page, so it was left out.",
    }


class ResourceFilterForm(forms.Form):
    """The library's search box and filters, read from the query string (works without JS).

    Within one filter any chosen value matches; across filters all must match. A value that
    is not on offer (an old or edited link) is reported and left out, never a server error.
    """

    q = forms.CharField(label="Search resources", required=False, max_length=200)
    type = FilterChoiceField(label="Type", required=False, choices=DocumentType.choices)
    format = FilterChoiceField(
        label="Format",
        required=False,
        choices=[(fmt, FORMAT_LABELS[fmt]) for fmt in ALL_FORMATS],
    )
    audience = TermChoiceField(
        label="Who it is for", required=False, queryset=Audience.objects.all(), to_field_name="slug"
    )
    topic = TermChoiceField(
        label="Topic", required=False, queryset=Theme.objects.all(), to_field_name="slug"
    )

    facet_names = ("type", "format", "audience", "topic")

    def __init__(self, data=None, *, searchable, **kwargs):
        super().__init__(data, **kwargs)
        self.searchable = searchable  # what the search box searches, e.g. the live resources
        self.is_valid()  # an unbound form stays empty; errors on a bound one are reported

    @property
    def values(self):
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or [] for name in self.facet_names}

    @property
    def query(self):
        return (getattr(self, "cleaned_data", {}).get("q") or "").strip()

    @property
    def has_filters(self):
        return bool(self.query or self.has_facet_filters)

    @property
    def has_facet_filters(self):
        return any(self.values.values())

    def filtered(self, queryset, *, without=None):
        values = self.values
        if without:
            values[without] = []
        queryset = queryset.filter_by(
            types=values["type"],
            formats=values["format"],
            audiences=values["audience"],
            topics=values["topic"],
        )
        if self.query:
            return queryset.in_order(self.search_matches)
        return queryset.order_by("title")

    @cached_property
    def search_matches(self):
        """The ids of the searchable resources matching the search, most relevant first.

        Searched once, then intersected with the filters in the database: the search backend
        can only filter on indexed fields, and the filters follow relations it does not index.
        """
        # Only the words: search backends read quotes and brackets as syntax (SQLite's FTS5
        # fails on a stray one), and control characters are no one's search.
        words = " ".join(_WORD.findall(self.query))
        if not words:
            return []
        results = self.searchable.search(words, order_by_relevance=True)
        return [page.pk for page in results]

    def results(self, queryset):
        return self.filtered(queryset).for_listing()

    def facets(self, queryset):
        """Each filter's options, with how many resources each would show given the others.

        Options no resource has are left out unless chosen (so an old link can be undone).
        """
        chosen = self.values
        options = {
            "type": [(value, label, value) for value, label in DocumentType.choices],
            "format": [(fmt, FORMAT_LABELS[fmt], fmt) for fmt in ALL_FORMATS],
            "audience": [(t.slug, t.name, t.pk) for t in self.fields["audience"].queryset],
            "topic": [(t.slug, t.name, t.pk) for t in self.fields["topic"].queryset],
        }
        chosen_keys = {
            "type": set(chosen["type"]),
            "format": set(chosen["format"]),
            "audience": {term.pk for term in chosen["audience"]},
            "topic": {term.pk for term in chosen["topic"]},
        }
        facets = []
        for name in self.facet_names:
            counts = getattr(self.filtered(queryset, without=name), f"{name}_counts")()
            facets.append(
                {
                    "name": name,
                    "legend": self.fields[name].label,
                    "options": [
                        {
                            "value": value,
                            "label": label,
                            "count": counts.get(key, 0),
                            "checked": key in chosen_keys[name],
                        }
                        for value, label, key in options[name]
                        if counts.get(key) or key in chosen_keys[name]
                    ],
                }
            )
        return facets
