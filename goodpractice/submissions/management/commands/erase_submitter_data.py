from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand

from goodpractice.submissions import moderation
from goodpractice.submissions.models import Submission, SubmissionAttachment
from goodpractice.submissions.personal_data import ERASERS


class Command(BaseCommand):
    help = (
        "Erase the submitter's personal data, everywhere it is held (docs/privacy.md), from "
        "submissions decided more than --days ago and from waiting, sent-back and quarantined "
        "ones with no activity for --days; delete files uploaded to forms that were never "
        "sent. Run it daily from the operator's scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SUBMISSION_RETENTION_DAYS,
            help="Keep details for this many days after the decision, or after the last "
            "activity on an undecided submission "
            "(default: SUBMISSION_RETENTION_DAYS, %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be erased, change nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        submissions = list(Submission.objects.erasable(days).order_by("pk"))
        abandoned = SubmissionAttachment.objects.abandoned()
        count, files = len(submissions), abandoned.count()
        if dry_run:
            self.stdout.write(
                f"Would erase the details on {count} submission(s) and delete {files} "
                "abandoned file(s)."
            )
            return
        erased = Counter()
        for submission in submissions:
            erased.update(moderation.erase(submission, retention_over=True))
        for attachment in abandoned:
            attachment.delete()
        self.stdout.write(
            f"Erased the details on {count} submission(s) with no activity or decision for "
            f"{days} days; deleted {files} abandoned file(s)."
        )
        for store in ERASERS:
            if store.erase is not None:
                self.stdout.write(f"  {store.kind}: {erased[store.kind]}")
