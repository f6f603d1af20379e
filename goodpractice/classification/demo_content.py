"""Demo content for the classification: the five themes and eleven regions of the seed page
(shared/seeds), and the audiences its items are for. The protected characteristics come from
classification migration 0002."""

from django.utils.text import slugify

from goodpractice.classification.models import Audience, Region, Theme

THEMES = [
    (
        "international-medical-graduates",
        "Induction and support for international medical graduates",
        "Inductions, networks and support that help doctors who qualified outside the UK settle "
        "into NHS practice and training.",
    ),
    (
        "differential-attainment",
        "Differential attainment (fair training cultures)",
        "Responses and initiatives that tackle differences in outcomes between groups of "
        "doctors in training.",
    ),
    (
        "governance-and-representation",
        "Governance and representation including faculty",
        "Making decision-making groups and educational faculty more representative, and "
        "checking decisions for fairness.",
    ),
    (
        "forums-and-support",
        "Forums and support",
        "Spaces and processes where doctors in training can talk, be heard and get support.",
    ),
    (
        "training-and-development",
        "Training and development",
        "EDI training for trainees, trainers and faculty, from case-based teaching to active "
        "bystander programmes.",
    ),
]

REGIONS = [
    "Thames Valley",
    "Wessex",
    "West Midlands",
    "London",
    "Kent, Surrey and Sussex",
    "Yorkshire and Humber",
    "East Midlands",
    "North West",
    "South West",
    "North East",
    "East of England",
]

AUDIENCES = [
    ("international-medical-graduates", "International medical graduates"),
    ("trainees", "Doctors in training"),
    ("trainers", "Trainers and supervisors"),
    ("educational-faculty", "Educational faculty"),
    ("education-leaders", "Education leaders and panels"),
]


def load(command):
    load_taxonomy()
    command.stdout.write(
        f"Classification: {len(THEMES)} themes, {len(REGIONS)} regions, {len(AUDIENCES)} audiences."
    )


def load_taxonomy():
    for order, (slug, name, description) in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    for order, name in enumerate(sorted(REGIONS)):
        Region.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": order}
        )
    for order, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
