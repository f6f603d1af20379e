"""Demo resources from the EDI seed page (shared/seeds/004), with real generated documents.

Each document is a real PDF, Word or PowerPoint file built at load time from the seed page's
own words (resources.builders) and labelled as a demo, so downloads, page counts and search
work for real. No figures or findings are invented: the survey documents say what the seed
page says about the survey and point readers to the original publication.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from wagtail.rich_text import RichText

from goodpractice.classification.models import Audience, Theme
from goodpractice.home.demo_content import add_navigation_link, child_page
from goodpractice.home.models import ContentPage, HomePage
from resources.builders import build_docx, build_pdf, build_pptx
from resources.inspection import extract_text, inspect_bytes
from resources.models import (
    FORMAT_LABELS,
    DocumentType,
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
    ResourcePageDocument,
)

TEAM = ("Quality team", "quality@hee.nhs.uk")

DEMO_LABEL = (
    "Demo document",
    "This file was generated for the EDI good practice demo site from the text of the public "
    "Health Education England 'Equality Diversity and Inclusion' web page. It is not the "
    "original publication: ask the owning team for the current version.",
)

BUILDERS = {"pdf": build_pdf, "docx": build_docx, "pptx": build_pptx}

RESOURCES = [
    {
        "title": "Inclusive educational faculty recruitment: ensuring best practice",
        "type": DocumentType.GUIDE,
        "description": "A fresh approach to faculty recruitment: simpler access to the many "
        "resources already available to colleagues who recruit new talent to the educational "
        "faculty, and why inclusive recruitment principles matter.",
        "audiences": ["educational-faculty", "education-leaders"],
        "topics": ["governance-and-representation"],
        "formats": ["pdf", "docx"],
        "sections": [
            (
                "What this guide is for",
                "This document seeks to establish a fresh approach to faculty recruitment, "
                "enabling simpler access to the many excellent resources already available to "
                "colleagues responsible for recruiting new talent to the educational faculty.",
            ),
            (
                "Why inclusive recruitment matters",
                "Providing a deeper understanding of the vital importance of following "
                "Inclusive Recruitment principles, we can ensure we are building the best "
                "possible teams to support our learners as they develop their skills to become "
                "the clinicians, and the future faculty, themselves.",
            ),
        ],
    },
    {
        "title": "Learners with disabilities: “Find your way” guides",
        "type": DocumentType.GUIDE,
        "description": "What additional support is available to learners and employees in "
        "healthcare with a disability, learning difference or long-term health condition, and "
        "how and when to apply for it.",
        "audiences": ["trainees"],
        "topics": ["forums-and-support"],
        "formats": ["pdf"],
        "sections": [
            (
                "Who these guides are for",
                "Learners and employees in healthcare with a disability, learning difference, "
                "or long-term health condition (including long-term effects of COVID-19 and "
                "mental health conditions).",
            ),
            (
                "What they cover",
                "You may be able to access additional support that will enable you to "
                "equitably access your education and employment in healthcare. The guides "
                "break down what is available, how to apply and when.",
            ),
        ],
    },
    {
        "title": "Attending speaking events: booking form",
        "type": DocumentType.FORM,
        "description": "An example booking form to support conversations about whether an event "
        "or speaking panel is diverse before accepting an invitation.",
        "audiences": ["education-leaders", "trainers"],
        "topics": ["governance-and-representation"],
        "formats": ["docx"],
        "sections": [
            (
                "Why use this form",
                "Many colleagues in HEE and across the wider NHS are considering equality, "
                "diversity and inclusion in their decision making when attending events, "
                "specifically requesting confirmation that the event or speaking panel is "
                "diverse before accepting invitations.",
            ),
            (
                "Event details",
                "Event name:\nDate and venue:\nOrganiser and contact details:\nRole you are "
                "invited to take:",
            ),
            (
                "Diversity of the event",
                "Please confirm the make-up of the speaking panel and how the event considers "
                "equality, diversity and inclusion:",
            ),
        ],
    },
    {
        "title": "London-wide survey of discrimination and harassment in primary care: "
        "summary report",
        "type": DocumentType.REPORT,
        "description": "The summary report of the first London-wide survey of discrimination "
        "and harassment in primary care, where 90% of NHS consultations take place.",
        "audiences": [],
        "topics": [],
        "formats": ["pdf", "pptx", "docx"],
        "sections": [
            (
                "About the survey",
                "Everyone in the NHS deserves to work in an environment that is safe, welcoming, "
                "and free of discrimination. HEE published the first ever London-wide survey of "
                "discrimination and harassment in primary care, which is where 90% of NHS "
                "consultations take place.",
            ),
            (
                "What it found",
                "A significant number of those taking part reported being victims of "
                "discrimination both in the workplace and in the communities they serve. The "
                "figures are in the original report: this demo file does not reproduce them.",
            ),
            (
                "What happens next",
                "The London Primary Care in Workforce Race Strategy sets out the actions taken "
                "in response to this survey. A pan-London workshop took place in March 2022 to "
                "give system partners the opportunity to respond to the survey and discuss ways "
                "to address the suggestions made in it.",
            ),
        ],
        "body": [
            "A significant number of those taking part reported being victims of discrimination "
            "both in the workplace and in the communities they serve. While this is hard to "
            "accept, it is valuable knowledge that can help us explore the underlying issues "
            "and take clear and effective steps to address them.",
            "The London Primary Care in Workforce Race Strategy sets out the actions we are "
            "taking in response to this survey. This work also supports London's Workforce Race "
            "Strategy. Please email the Primary Care Team if you have any questions about the "
            "report.",
        ],
    },
]

FORMAT_ORDER_ON_SEED_PAGE = ["pdf", "pptx", "docx"]


def load(command):
    with transaction.atomic():
        home = HomePage.objects.first()
        library, _ = child_page(
            home,
            ResourceIndexPage,
            "resources",
            title="Resources",
            introduction="Guides, forms and reports that support equality, diversity and "
            "inclusion in education and training. Every document says its format and size.",
        )
        created = 0
        documents = {}
        for spec in RESOURCES:
            documents[spec["title"]] = load_documents(spec)
            created += load_resource(library, spec, documents[spec["title"]])
        add_related_documents_to_framework_page(home, documents)
        add_navigation_link(home.get_site(), "Resources", library, position=4)
    command.stdout.write(
        f"Resources: {created} resource(s) created, {len(RESOURCES)} in the seed list."
    )


def load_documents(spec):
    """The resource's documents, one per format, the first the main one (others link to it)."""
    audiences = list(Audience.objects.filter(slug__in=spec["audiences"]))
    main, documents = None, []
    for fmt in spec["formats"]:
        title = spec["title"] if main is None else f"{spec['title']} ({FORMAT_LABELS[fmt]} version)"
        document = ResourceDocument.objects.filter(title=title).first()
        if document is None:
            data = BUILDERS[fmt](spec["title"], [*spec["sections"], DEMO_LABEL])
            inspection = inspect_bytes(data, fmt)
            document = ResourceDocument(
                title=title,
                file=ContentFile(data, name=f"{slugify(spec['title'])[:60]}.{fmt}"),
                description=spec["description"],
                document_type=spec["type"],
                alternative_of=main,
                # Read now, not only by the background task, so search works straight away.
                detected_format=inspection.format,
                page_count=inspection.page_count,
                extracted_text=extract_text(io.BytesIO(data), fmt),
            )
            document.save()
            document.audiences.set(audiences)
        main = main or document
        documents.append(document)
    return documents


def load_resource(library, spec, documents):
    slug = slugify(spec["title"])[:80].rstrip("-")
    if library.get_children().filter(slug=slug).exists():
        return 0
    page = ResourcePage(
        title=spec["title"],
        slug=slug,
        description=spec["description"],
        document_type=spec["type"],
        owning_team=TEAM[0],
        team_email=TEAM[1],
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in spec.get("body", [])],
    )
    page.audiences = list(Audience.objects.filter(slug__in=spec["audiences"]))
    page.topics = list(Theme.objects.filter(slug__in=spec["topics"]))
    # The main document is enough: its other formats are offered with it.
    page.resource_documents = [ResourcePageDocument(document=documents[0])]
    library.add_child(instance=page)
    page.save_revision().publish()
    return 1


def add_related_documents_to_framework_page(home, documents):
    """A "Related documents" block on the EDI framework page, grouped by format as on the seed."""
    page = ContentPage.objects.child_of(home).filter(slug="edi-framework").first()
    if page is None or any(block.block_type == "related_documents" for block in page.body):
        return
    every_document = [document for group in documents.values() for document in group]
    every_document.sort(key=lambda d: FORMAT_ORDER_ON_SEED_PAGE.index(d.detected_format))
    page.body.append(
        (
            "related_documents",
            {"heading": "Related documents", "documents": every_document, "group_by_format": True},
        )
    )
    page.save_revision().publish()
