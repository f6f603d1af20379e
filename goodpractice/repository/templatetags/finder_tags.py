"""The finder's filter panel: options that would give no results folded away under their
group, and how many filters are chosen. Works on what the search already counted, so it adds
no queries."""

from django import template

register = template.Library()


@register.simple_tag
def fold_options(facet):
    """A facet's options split into those worth offering (any results, or chosen) and those
    that would give none, each numbered by its place in the facet so ids stay stable."""
    numbered = list(enumerate(facet.options, start=1))
    shown = [(number, option) for number, option in numbered if option.count or option.selected]
    empty = [
        (number, option) for number, option in numbered if not option.count and not option.selected
    ]
    return {"options": shown + empty, "shown_count": len(shown), "empty_count": len(empty)}


@register.filter
def chosen_filter_count(state):
    """How many options are ticked across every facet (the search text is not a filter)."""
    return sum(len(values) for values in state.selected.values())
