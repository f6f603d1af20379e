"""The ways an observance can affect work, which the calendar can be filtered by."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Impact:
    """One way an observance can affect work; `slug` is what the calendar's URL carries."""

    slug: str
    field: str
    label: str
    description: str


IMPACTS = [
    Impact(
        "fasting",
        "involves_fasting",
        "Fasting",
        "Many who observe it fast, so energy, concentration and meal breaks may be affected.",
    ),
    Impact(
        "leave",
        "work_restricted",
        "Work restricted or leave commonly requested",
        "Some observers do not work, or commonly ask for leave.",
    ),
    Impact(
        "evening",
        "begins_evening_before",
        "Begins at sunset the evening before",
        "It starts at sunset on the evening before the first date shown.",
    ),
    Impact(
        "prayer",
        "involves_prayer",
        "Prayer or worship",
        "Observers may need time or a quiet space for prayer or worship.",
    ),
    Impact(
        "diet",
        "dietary_needs",
        "Diet",
        "There are dietary requirements: think about catering and shared meals.",
    ),
]
IMPACTS_BY_SLUG = {impact.slug: impact for impact in IMPACTS}
