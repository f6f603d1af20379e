"""Demo content for the repository, from the seed page (shared/seeds): the repository page and
the sixteen good-practice items.

Titles, themes and regions are the seed page's. Summaries are short descriptions written for
this demo and say so; no figures are invented, so status, evaluation, dates and learners
reached are left "not recorded".
"""

from django.db import transaction
from django.utils.text import slugify

from wagtail.rich_text import RichText

from goodpractice.classification.models import Audience, ProtectedCharacteristic, Region, Theme
from goodpractice.home.demo_content import add_navigation_link, child_page
from goodpractice.home.models import HomePage
from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage

PROBLEMS = {
    "international-medical-graduates": "Doctors joining the NHS from overseas meet unfamiliar "
    "systems, professional expectations and culture, often while settling into a new country.",
    "differential-attainment": "Some groups of doctors in training, for example by ethnicity or "
    "place of primary medical qualification, have different outcomes in exams and progression.",
    "governance-and-representation": "The people who lead education and make decisions about "
    "trainees do not always reflect the workforce they serve, and decisions may not be checked "
    "for fairness.",
    "forums-and-support": "Doctors in training need safe places to raise concerns and get "
    "support, particularly when they are struggling or feel excluded.",
    "training-and-development": "Trainees, trainers and faculty need the knowledge and "
    "confidence to act on equality, diversity and inclusion in day-to-day practice.",
}

# (title, theme slug, regions, summary, audiences, tags, protected characteristics)
ITEMS = [
    (
        "IMG Induction programme in Thames Valley and Wessex",
        "international-medical-graduates",
        ["Thames Valley", "Wessex"],
        "An induction programme for international medical graduates starting work and training "
        "in Thames Valley and Wessex.",
        ["international-medical-graduates"],
        ["induction", "international medical graduates"],
        ["race"],
    ),
    (
        "IMG Champions Network in Thames Valley and Wessex",
        "international-medical-graduates",
        ["Thames Valley", "Wessex"],
        "A network of champions who support international medical graduates across Thames "
        "Valley and Wessex.",
        ["international-medical-graduates", "trainers"],
        ["champions", "peer support", "international medical graduates"],
        ["race"],
    ),
    (
        "Enhanced Induction in the West Midlands",
        "international-medical-graduates",
        ["West Midlands"],
        "An enhanced induction for international medical graduates joining training in the "
        "West Midlands.",
        ["international-medical-graduates"],
        ["induction", "international medical graduates"],
        ["race"],
    ),
    (
        "eLearning for Health module: Welcoming and Valuing International Medical Graduates",
        "international-medical-graduates",
        ["London", "Kent, Surrey and Sussex"],
        "An eLearning for Health module, developed by London and KSS: a guide to induction for "
        "international medical graduates recruited to the NHS.",
        ["international-medical-graduates", "trainers", "educational-faculty"],
        ["e-learning", "induction", "international medical graduates"],
        ["race"],
    ),
    (
        "Social prescribing for International Medical Graduates in Yorkshire and Humber",
        "international-medical-graduates",
        ["Yorkshire and Humber"],
        "Social prescribing that links international medical graduates in Yorkshire and Humber "
        "with community support beyond work.",
        ["international-medical-graduates"],
        ["social prescribing", "wellbeing", "international medical graduates"],
        ["race"],
    ),
    (
        "Tackling Differential Attainment in Thames Valley",
        "differential-attainment",
        ["Thames Valley"],
        "Work in Thames Valley to understand and reduce differential attainment among doctors "
        "in training.",
        ["trainees", "trainers"],
        ["differential attainment"],
        [],
    ),
    (
        "Director of Medical Education Interviews in the West Midlands",
        "differential-attainment",
        ["West Midlands"],
        "Interviews with Directors of Medical Education in the West Midlands as part of the "
        "region's response to differential attainment.",
        ["education-leaders"],
        ["differential attainment", "interviews"],
        [],
    ),
    (
        "Differential Attainment Working Group East Midlands",
        "differential-attainment",
        ["East Midlands"],
        "A working group in the East Midlands that coordinates the region's work on "
        "differential attainment.",
        ["education-leaders", "trainers"],
        ["differential attainment", "working group"],
        [],
    ),
    (
        "Increasing diversity in the senior educator group in the North West",
        "governance-and-representation",
        ["North West"],
        "Work in the North West to make the senior educator group more diverse.",
        ["educational-faculty", "education-leaders"],
        ["faculty", "representation", "recruitment"],
        [],
    ),
    (
        "Annual analysis of Responsible Officer Advisory Group decisions by protected "
        "characteristic in the South West",
        "governance-and-representation",
        ["South West"],
        "Responsible Officer Advisory Group cases are discussed with no protected "
        "characteristics provided, and the decisions are analysed by protected characteristic "
        "each year.",
        ["education-leaders"],
        ["ROAG", "fair decisions", "anonymisation"],
        [
            "age",
            "disability",
            "gender-reassignment",
            "marriage-and-civil-partnership",
            "pregnancy-and-maternity",
            "race",
            "religion-or-belief",
            "sex",
            "sexual-orientation",
        ],
    ),
    (
        "Virtual Café in the West Midlands",
        "forums-and-support",
        ["West Midlands"],
        "An online café in the West Midlands where doctors in training can meet, talk and find "
        "support.",
        ["trainees"],
        ["forum", "peer support", "online"],
        [],
    ),
    (
        "In Training Assessment of Performance (iTAP) in the West Midlands",
        "forums-and-support",
        ["West Midlands"],
        "In Training Assessment of Performance (iTAP), a West Midlands process for supporting "
        "doctors in training with their performance and progression.",
        ["trainees", "trainers"],
        ["assessment", "progression", "support"],
        [],
    ),
    (
        "Enhanced EDI case-based training in the North East",
        "training-and-development",
        ["North East"],
        "Enhanced equality, diversity and inclusion training in the North East, taught through "
        "cases.",
        ["trainees", "trainers"],
        ["case-based learning", "EDI training"],
        [],
    ),
    (
        "HEE/NHSE EDI combined group, trainee survey and bystander training in the East of England",
        "training-and-development",
        ["East of England"],
        "A combined HEE and NHS England EDI group in the East of England that surveyed trainees "
        "to understand their needs and offered bystander training.",
        ["trainees"],
        ["bystander", "survey", "EDI training"],
        [],
    ),
    (
        "EDI workshops and an EDI Ambassador in KSS",
        "training-and-development",
        ["Kent, Surrey and Sussex"],
        "EDI workshops and an EDI Ambassador role in Kent, Surrey and Sussex.",
        ["trainees", "trainers"],
        ["workshops", "ambassador", "EDI training"],
        [],
    ),
    (
        "Step Forward: a cascaded Active Bystander Training the Trainer programme in the North "
        "West",
        "training-and-development",
        ["North West"],
        "Step Forward trains trainers to deliver active bystander training, cascading it across "
        "the North West.",
        ["trainers", "educational-faculty"],
        ["bystander", "train the trainer", "EDI training"],
        [],
    ),
]

DEMO_NOTICE = (
    "<p><b>Demo content.</b> The title, theme and region of this item come from the HEE "
    "Deans' list of EDI good practice. The summary and the text below were written for this "
    "demonstration site; they are not the regional team's own account and report no figures.</p>"
)


def item_body(theme_slug, summary):
    return [
        ("inset_text", {"body": RichText(DEMO_NOTICE)}),
        ("heading", {"text": "The problem", "level": "h2"}),
        ("paragraph", RichText(f"<p>{PROBLEMS[theme_slug]}</p>")),
        ("heading", {"text": "What was done", "level": "h2"}),
        ("paragraph", RichText(f"<p>{summary}</p>")),
        ("heading", {"text": "Outcomes and impact", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>The source list does not report outcomes for this item. Contact the "
                "regional team for their evaluation.</p>"
            ),
        ),
    ]


def load(command):
    """Create what is missing; leave what exists (and any editor's changes) alone."""
    with transaction.atomic():
        home = HomePage.objects.get()
        repository = load_repository(home)
        created = load_items(repository)
        add_navigation_link(home.get_site(), "Good practice", repository, position=0)
    command.stdout.write(
        f"Good practice: {created} item(s) created, {len(ITEMS)} in the seed list."
    )


def load_repository(home):
    repository, _ = child_page(
        home,
        GoodPracticeIndexPage,
        "good-practice",
        title="Examples of good practice",
        introduction=(
            "EDI initiatives that each postgraduate dean and their team have shared, for others "
            "to learn from and adapt. Every item has an EDI theme and aims to make a tangible "
            "difference."
        ),
    )
    return repository


def load_items(repository):
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    regions = {region.name: region for region in Region.objects.all()}
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    characteristics = {pc.slug: pc for pc in ProtectedCharacteristic.objects.all()}
    existing = set(repository.get_children().values_list("slug", flat=True))
    created = 0
    for title, theme, region_names, summary, audience_slugs, tags, pc_slugs in ITEMS:
        slug = slugify(title)[:80].rstrip("-")
        if slug in existing:
            continue
        item = GoodPracticeItemPage(
            title=title,
            slug=slug,
            summary=f"Demo summary: {summary}",
            body=item_body(theme, summary),
        )
        item.themes = [themes[theme]]
        item.regions = [regions[name] for name in region_names]
        item.audiences = [audiences[a] for a in audience_slugs]
        item.protected_characteristics = [characteristics[pc] for pc in pc_slugs]
        item.tags.add(*tags)
        repository.add_child(instance=item)
        item.save_revision().publish()
        created += 1
    return created
