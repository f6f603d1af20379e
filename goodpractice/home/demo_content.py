"""Demo content for the site's common pages, from the two seed pages (shared/seeds): the home
page, the EDI framework and Study Leave pages, the header and the footer.

Each app's demo_content.load(command) runs in INSTALLED_APPS order (load_demo_content);
this one first, so that the others can hang their pages under the home page.
"""

from django.db import transaction

from wagtail.models import Page
from wagtail.rich_text import RichText

from wagtailnhsukfrontend.settings.models import (
    FooterLinks,
    FooterSettings,
    HeaderSettings,
    NavigationLink,
)

from goodpractice.home.models import ContentPage, HomePage

SITE_NAME = "EDI good practice"

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
        pages = load_content_pages(home)
        load_site_chrome(home, pages)
    command.stdout.write("Site pages: home page, content pages, header and footer.")
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


def load_content_pages(home):
    framework, _ = child_page(
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
    study_leave, _ = child_page(
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
    return {"edi-framework": framework, "study-leave": study_leave}


def load_site_chrome(home, pages):
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
    add_navigation_link(site, "EDI framework", pages.get("edi-framework"), position=1)
    add_navigation_link(site, "Study leave", pages.get("study-leave"), position=2)
    footer = FooterSettings.for_site(site)
    if not FooterLinks.objects.filter(setting=footer).exists():
        # A cluster's child manager only stages rows in memory; create them directly.
        FooterLinks.objects.create(
            setting=footer,
            link_url="mailto:quality@hee.nhs.uk",
            link_label="Contact the quality team",
        )


def add_navigation_link(site, label, page, position):
    """Add a header navigation link to `page` at `position` (the apps add theirs in any order)
    unless one already points there."""
    header = HeaderSettings.for_site(site)
    if page is None or header.navigation_links.filter(page=page).exists():
        return
    NavigationLink.objects.create(setting=header, label=label, page=page, sort_order=position)
