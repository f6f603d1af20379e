"""Demo content built from the two seed pages (shared/seeds): the home page, the EDI framework
and Study Leave pages, the five themes, the eleven regions and the sixteen good-practice items.

Titles, themes and regions are the seed page's. Summaries are short descriptions written for
this demo and say so; no figures are invented, so status, evaluation, dates and learners
reached are left "not recorded".
"""

from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.rich_text import RichText

from wagtailnhsukfrontend.settings.models import (
    FooterLinks,
    FooterSettings,
    HeaderSettings,
    NavigationLink,
)

from goodpractice import demo_submissions
from goodpractice.models import (
    Audience,
    ContentPage,
    GoodPracticeIndexPage,
    GoodPracticeItemPage,
    HomePage,
    ProtectedCharacteristic,
    Region,
    Theme,
)

SITE_NAME = "EDI good practice"

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

FRAMEWORK_BODY = [
    (
        "paragraph",
        RichText(
            "<p>HEE has always been committed to supporting the equality, diversity and "
            "inclusion agenda within our work, and the recent impact of COVID 19 on BAME "
            "communities and staff, and the Black Lives Matter movement have focussed thinking "
            "to prioritise this work within our work programmes.</p>"
            "<p>HEE Deans established the HEEDs Equality Diversity and Inclusion Committee, "
            "committed to advancing diversity and inclusion in line with the HEE Framework: "
            "'Diversity and Inclusion - Our Strategic Framework 2018-2022'. The Framework is "
            "aligned to our existing national and corporate objectives, priorities and values "
            "as well as the principles set out in the NHS Constitution.</p>"
            "<p>The Framework is structured around the key themes of Our People, Our Business "
            "and Our Influence.</p>"
        ),
    ),
    ("heading", {"text": "Our People", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>HEE recognises the importance of valuing diversity and inclusion in the "
            "workplace and understands the benefits that can be achieved through building an "
            "inclusive and representative workforce.</p>"
        ),
    ),
    ("heading", {"text": "Our Business", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Through the Framework we will work to achieve a cultural change that leads "
            "towards consistent consideration of inclusion in business and delivery of key "
            "functions.</p>"
        ),
    ),
    ("heading", {"text": "Our Influence", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>HEE has a crucial role to play, within the healthcare system, in supporting a "
            "world-class approach to education and training that creates ladders of opportunity "
            "for people in every setting and from every background. We will use our influence "
            "with stakeholders to further diversity and inclusion in the wider healthcare "
            "system and within medical and clinical education.</p>"
        ),
    ),
]

STUDY_LEAVE_BODY = [
    (
        "paragraph",
        RichText(
            "<p>This is funded via a levy on Education Support money and administered by HEE "
            "local offices to be refunded via trainees' employers. HEE has a formal study leave "
            "policy and oversight from a national working group.</p>"
            "<p>The working group has oversight for ensuring fairness of distribution and "
            "responding to any issues raised. A standardised 'Leave Manager' programme is being "
            "rolled out through HEE's local offices.</p>"
            "<p>This will allow much improved monitoring of study leave spending and an EDI "
            "analysis of that. All local offices run programmes to respond to the challenges of "
            "differential attainment, which is linked to EDI. Good practice in this area is "
            "being cascaded to ensure all postgraduate doctors in training have access to study "
            "leave aligned to their personal needs.</p>"
        ),
    ),
]

HOME_BODY = [
    (
        "inset_text",
        {
            "body": RichText(
                "<p>Have innovative practice with an EDI theme? Get in touch with the quality "
                'team at <a href="mailto:quality@hee.nhs.uk">quality@hee.nhs.uk</a>. We are '
                "especially keen to publish items that exceed standards, are new and have had a "
                "positive impact.</p>"
            )
        },
    ),
]


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


def child_page(parent, model, slug, **fields):
    """Return the live child of `parent` with `slug`, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def load(command):
    """Create what is missing; leave what exists (and any editor's changes) alone."""
    with transaction.atomic():
        home = load_home_page()
        load_taxonomy()
        load_content_pages(home)
        repository = load_repository(home)
        created = load_items(repository)
        load_site_chrome(home, repository)
        demo_submissions.load(command, home, repository)
    command.stdout.write(
        f"Good practice: {created} item(s) created, {len(ITEMS)} in the seed list."
    )
    return home


def load_home_page():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title=SITE_NAME, slug="home")
        root.add_child(instance=home)
    if not home.introduction:
        home.title = SITE_NAME
        home.introduction = (
            "The postgraduate deans' regional teams share their equality, diversity and "
            "inclusion initiatives here, so that others can learn from them, reflect on them "
            "and adapt them for their own region and learners."
        )
        home.body = HOME_BODY
        home.save_revision().publish()
    return home


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


def load_content_pages(home):
    child_page(
        home,
        ContentPage,
        "edi-framework",
        title="Equality, diversity and inclusion framework",
        introduction=(
            "How the HEE Deans' EDI Committee works to the framework 'Diversity and Inclusion: "
            "Our Strategic Framework 2018-2022': Our People, Our Business and Our Influence."
        ),
        body=FRAMEWORK_BODY,
    )
    child_page(
        home,
        ContentPage,
        "study-leave",
        title="Study leave",
        introduction=(
            "Study leave is an integral component of postgraduate medical training to assist in "
            "the achievement of the knowledge, skills and behaviours defined in curricula."
        ),
        body=STUDY_LEAVE_BODY,
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


def load_site_chrome(home, repository):
    """Header service name and navigation, and footer links (wagtail-nhsuk-frontend settings)."""
    site = home.get_site()
    if site.site_name != SITE_NAME:
        site.site_name = SITE_NAME
        site.save()
    header = HeaderSettings.for_site(site)
    if not header.service_name:
        header.service_name = SITE_NAME
        header.service_link = home
        header.show_search = True  # the header search box searches the repository
        header.save()
    pages = {page.slug: page for page in home.get_children().live()}
    add_navigation_link(header, "Good practice", repository)
    add_navigation_link(header, "EDI framework", pages.get("edi-framework"))
    add_navigation_link(header, "Study leave", pages.get("study-leave"))
    footer = FooterSettings.for_site(site)
    if not FooterLinks.objects.filter(setting=footer).exists():
        # A cluster's child manager only stages rows in memory; create them directly.
        FooterLinks.objects.create(
            setting=footer,
            link_url="mailto:quality@hee.nhs.uk",
            link_label="Contact the quality team",
        )


def add_navigation_link(header, label, page):
    """Add a header navigation link to `page` unless one already points there."""
    if page is None or header.navigation_links.filter(page=page).exists():
        return
    NavigationLink.objects.create(
        setting=header, label=label, page=page, sort_order=header.navigation_links.count()
    )
