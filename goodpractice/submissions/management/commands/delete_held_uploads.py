"""Delete the files held for submission forms that were never sent, once their time is up.

Run hourly by the scheduler (settings.SCHEDULED_JOBS), so a held file outlives its day by an
hour at most; held_for() stops offering it to the form the moment the day is up.
"""

from django.core.management.base import BaseCommand

from goodpractice.submissions.models import SubmissionAttachment
from goodpractice.submissions.submission import HELD_FILES_MAX_AGE


class Command(BaseCommand):
    help = "Delete files added to submission forms that were not sent within a day."

    def handle(self, *args, **options):
        expired = SubmissionAttachment.objects.abandoned()
        count = 0
        for attachment in expired.iterator():
            attachment.delete()
            count += 1
        hours = int(HELD_FILES_MAX_AGE.total_seconds() // 3600)
        self.stdout.write(f"Deleted {count} file(s) held for more than {hours} hours.")
