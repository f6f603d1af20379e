from django.core.management.base import BaseCommand

from goodpractice.alerts.tasks import queue_digests


class Command(BaseCommand):
    help = (
        "Queue each due weekly email alert: the items its search finds published since the "
        "subscriber's last digest, never an item twice. The scheduler runs it hourly."
    )

    def handle(self, *args, **options):
        queued = queue_digests()
        self.stdout.write(f"Weekly alert digests queued: {queued}")
