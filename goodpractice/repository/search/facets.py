"""The repository's filters: one facet per classification, and the options each offers."""

from dataclasses import dataclass

from goodpractice.repository.classifications import CLASSIFICATIONS

TAG_OPTIONS_SHOWN = 15


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class FacetResult:
    key: str
    label: str
    options: list
    hidden_count: int = 0

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


class Facet:
    """One classification as a filter: its options, and what the visitor chose of them."""

    def __init__(self, classification):
        self.classification = classification
        self.key, self.label = classification.key, classification.label


class TermFacet(Facet):
    """A facet over one of the item's many-to-many classifications, chosen by slug."""

    def load_options(self, requested, index):
        """Every term, in the editors' order, zero-count ones included (from the index)."""
        return [Option(value=slug, label=name) for slug, name in index.terms.get(self.key, [])]


class TagFacet(Facet):
    """Tags are free text and many, so only the commonest in the results are offered."""

    def load_options(self, requested, index):
        names = index.tag_names
        return [Option(value=slug, label=names[slug]) for slug in requested if slug in names]


class ChoiceFacet(Facet):
    """A facet over one of the item's own choice fields (status, evaluation)."""

    def load_options(self, requested, index):
        return [Option(value=value, label=label) for value, label in self.classification.choices]


FACET_KINDS = {"terms": TermFacet, "tags": TagFacet, "choices": ChoiceFacet}


def repository_facets():
    """A filter for every classification, in the registry's order."""
    return [FACET_KINDS[c.kind](c) for c in CLASSIFICATIONS]
