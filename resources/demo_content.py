"""Demo resources from the EDI seed page (shared/seeds/004), with real generated documents,
from demo_content.toml beside this module.

Each document is a real PDF, Word or PowerPoint file built at load time from the seed page's
own words (resources.builders) and labelled as a demo, so downloads, page counts and search
work for real. No figures or findings are invented: the survey documents say what the seed
page says about the survey and point readers to the original publication.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Collection

from goodpractice.classification.models import Audience, Theme
from goodpractice.home.demo_content import add_navigation_link, child_page, read_data
from goodpractice.home.models import ContentPage, HomePage
from resources.builders import build_docx, build_pdf, build_pptx
from resources.factories import (
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)
from resources.inspection import extract_text, inspect_bytes
from resources.models import FORMAT_LABELS, ResourceDocument, ResourcePageDocument

DATA = read_data(__file__)
RESOURCES = DATA["resources"]
DEMO_LABEL = (DATA["demo_label"]["heading"], DATA["demo_label"]["text"])
BUILDERS = {"pdf": build_pdf, "docx": build_docx, "pptx": build_pptx}


def load(command):
    with transaction.atomic():
        home = HomePage.objects.first()
        library, _ = child_page(home, ResourceIndexPageFactory, **DATA["library"])
        created = 0
        documents = {}
        for spec in RESOURCES:
            documents[spec["title"]] = load_documents(spec)
            created += load_resource(library, spec, documents[spec["title"]])
        add_related_documents_to_framework_page(home, documents)
        link = DATA["navigation"]
        add_navigation_link(home.get_site(), link["label"], library, link["position"])
    command.stdout.write(
        f"Resources: {created} resource(s) created, {len(RESOURCES)} in the seed list."
    )


def load_documents(spec):
    """The resource's documents, one per format, the first the main one (others link to it)."""
    audiences = list(Audience.objects.filter(slug__in=spec["audiences"]))
    sections = [(section["heading"], section["text"]) for section in spec["sections"]]
    main, documents = None, []
    for fmt in spec["formats"]:
        title = spec["title"] if main is None else f"{spec['title']} ({FORMAT_LABELS[fmt]} version)"
        document = ResourceDocument.objects.filter(title=title).first()
        if document is None:
            data = BUILDERS[fmt](spec["title"], [*sections, DEMO_LABEL])
            inspection = inspect_bytes(data, fmt)
            document = ResourceDocumentFactory(
                title=title,
                file=ContentFile(data, name=f"{slugify(spec['title'])[:60]}.{fmt}"),
                collection=Collection.get_first_root_node(),
                description=spec["description"],
                document_type=spec["type"],
                alternative_of=main,
                # Read now, not only by the background task, so search works straight away.
                detected_format=inspection.format,
                page_count=inspection.page_count,
                extracted_text=extract_text(io.BytesIO(data), fmt),
                audiences=audiences,
            )
        main = main or document
        documents.append(document)
    return documents


def load_resource(library, spec, documents):
    slug = slugify(spec["title"])[:80].rstrip("-")
    if library.get_children().filter(slug=slug).exists():
        return 0
    page = ResourcePageFactory(
        parent=library,
        title=spec["title"],
        slug=slug,
        description=spec["description"],
        document_type=spec["type"],
        owning_team=DATA["team"]["name"],
        team_email=DATA["team"]["email"],
        body=[("paragraph", f"<p>{text}</p>") for text in spec.get("body", [])],
        audiences=list(Audience.objects.filter(slug__in=spec["audiences"])),
        topics=list(Theme.objects.filter(slug__in=spec["topics"])),
        # The main document is enough: its other formats are offered with it.
        resource_documents=[ResourcePageDocument(document=documents[0])],
    )
    page.save_revision().publish()
    return 1


def add_related_documents_to_framework_page(home, documents):
    """A "Related documents" block on the EDI framework page, grouped by format as on the seed."""
    page = ContentPage.objects.child_of(home).filter(slug="edi-framework").first()
    if page is None or any(block.block_type == "related_documents" for block in page.body):
        return
    order = DATA["format_order_on_seed_page"]
    every_document = [document for group in documents.values() for document in group]
    every_document.sort(key=lambda d: order.index(d.detected_format))
    page.body.append(
        (
            "related_documents",
            {
                "heading": DATA["related_documents_heading"],
                "documents": every_document,
                "group_by_format": True,
            },
        )
    )
    page.save_revision().publish()
