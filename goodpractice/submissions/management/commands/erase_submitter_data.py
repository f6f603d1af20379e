from django.conf import settings
from django.core.management.base import BaseCommand

from goodpractice.submissions import moderation
from goodpractice.submissions.models import Submission, SubmissionAttachment


class Command(BaseCommand):
    help = (
        "Erase the submitter's contact details (and the private attachment files) from "
        "submissions decided more than --days ago, and delete files uploaded to forms that were "
        "never sent. Run it daily from the operator's scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SUBMISSION_RETENTION_DAYS,
            help="Keep details for this many days after the decision "
            "(default: SUBMISSION_RETENTION_DAYS, %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be erased, change nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        submissions = Submission.objects.erasable(days)
        abandoned = SubmissionAttachment.objects.abandoned()
        count, files = submissions.count(), abandoned.count()
        if dry_run:
            self.stdout.write(
                f"Would erase the details on {count} submission(s) and delete {files} "
                "abandoned file(s)."
            )
            return
        for submission in submissions:
            moderation.erase(submission)
        for attachment in abandoned:
            attachment.delete()
        self.stdout.write(
            f"Erased the details on {count} submission(s) decided more than {days} days ago; "
            f"deleted {files} abandoned file(s)."
        )
