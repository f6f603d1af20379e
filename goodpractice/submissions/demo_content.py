"""Demo content for submissions: the submission page and a few submissions waiting for review,
from demo_content.toml beside this module.

Every demo submission says it is one, uses example.invalid addresses and reports no figures.
Creates only what is missing.
"""

from django.utils import timezone

from goodpractice.classification.models import Region, Theme
from goodpractice.home.demo_content import add_navigation_link, read_data
from goodpractice.home.models import HomePage
from goodpractice.submissions.models import Submission, SubmitGoodPracticePage

DATA = read_data(__file__)
DEMO_SUBMISSIONS = DATA["submissions"]


def load(command):
    home = HomePage.objects.get()
    page = home.get_children().type(SubmitGoodPracticePage).first()
    if page is None:
        page = SubmitGoodPracticePage(**DATA["page"])
        home.add_child(instance=page)
        page.save_revision().publish()
    link = DATA["navigation"]
    add_navigation_link(home.get_site(), link["label"], page.specific, link["position"])

    created = 0
    for number, spec in enumerate(DEMO_SUBMISSIONS, start=1):
        token = f"demo-submission-{number}"
        if Submission.objects.filter(form_token=token).exists():
            continue
        fields = {
            name: text.format(number=number) for name, text in DATA["every_submission"].items()
        }
        submission = Submission.objects.create(
            form_token=token,
            page=page,
            title=spec["title"],
            summary=spec["summary"],
            data_protection_consent_at=timezone.now(),
            **fields,
        )
        submission.themes.set(Theme.objects.filter(slug=spec["theme"]))
        submission.regions.set(Region.objects.filter(name=spec["region"]))
        created += 1
    command.stdout.write(f"Submissions: {created} demo submission(s) waiting for review.")
