"""Demo content for submissions: the submission page and a few submissions waiting for review.

Every demo submission says it is one, uses example.invalid addresses and reports no figures.
Creates only what is missing.
"""

from django.utils import timezone

from goodpractice.classification.models import Region, Theme
from goodpractice.home.demo_content import add_navigation_link
from goodpractice.home.models import HomePage
from goodpractice.submissions.models import Submission, SubmitGoodPracticePage

CRITERIA = (
    "<ul><li><b>Useful learning</b>: other regions can learn from it and adapt it.</li>"
    "<li><b>Plain English</b>: someone new to the topic can follow it.</li>"
    "<li><b>Evidence of impact</b>: it says what changed, and how you know.</li>"
    "<li><b>New or exceeding standards</b>: it goes beyond what is already required, or has "
    "not been tried before.</li></ul>"
)
PRIVACY_NOTICE = (
    "<p>We use the lead contact's name, role, organisation and email address only to handle "
    "this submission and, if you agree, to show them on the published item. Only the quality "
    "team can see them. We erase them a year after the decision, or sooner if you ask the "
    "quality team.</p>"
)

DEMO_SUBMISSIONS = [
    (
        "Demo submission: Reverse mentoring for educational supervisors",
        "training-and-development",
        "North West",
        "Demo text: doctors in training mentor their educational supervisors on inclusion.",
    ),
    (
        "Demo submission: Peer support network for international medical graduates",
        "international-medical-graduates",
        "South West",
        "Demo text: a peer network pairing newly arrived doctors with colleagues a year ahead.",
    ),
    (
        "Demo submission: Anonymised shortlisting for faculty roles",
        "governance-and-representation",
        "Wessex",
        "Demo text: shortlisting for faculty roles without names or places of qualification.",
    ),
]


def load(command):
    home = HomePage.objects.get()
    page = home.get_children().type(SubmitGoodPracticePage).first()
    if page is None:
        page = SubmitGoodPracticePage(
            title="Submit good practice",
            slug="submit",
            introduction=(
                "Share an equality, diversity and inclusion initiative from your region. The "
                "quality team reviews every submission before anything is published."
            ),
            guidance=(
                "<p>Describe the problem, what was done and what changed, in plain English. "
                "You can attach up to five supporting documents.</p>"
            ),
            criteria=CRITERIA,
            privacy_notice=PRIVACY_NOTICE,
            success_message="<p>Thank you for sharing your work.</p>",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    add_navigation_link(home.get_site(), "Submit", page.specific, position=3)

    created = 0
    for number, (title, theme, region, summary) in enumerate(DEMO_SUBMISSIONS, start=1):
        token = f"demo-submission-{number}"
        if Submission.objects.filter(form_token=token).exists():
            continue
        submission = Submission.objects.create(
            form_token=token,
            page=page,
            title=title,
            summary=summary,
            problem="Demo text: the problem the team describes would go here.",
            what_was_done="Demo text: what the team did would go here.",
            outcomes="Demo text: no outcomes are reported for this demonstration.",
            contact_name="Demo Contact",
            contact_organisation="Demo organisation",
            contact_email=f"demo-{number}@example.invalid",
            data_protection_consent_at=timezone.now(),
        )
        submission.themes.set(Theme.objects.filter(slug=theme))
        submission.regions.set(Region.objects.filter(name=region))
        created += 1
    command.stdout.write(f"Submissions: {created} demo submission(s) waiting for review.")
