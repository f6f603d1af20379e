from django.conf import settings
from django.core.management.base import BaseCommand

from goodpractice.alerts.models import Subscription
from goodpractice.alerts.subscriptions import erase


class Command(BaseCommand):
    help = (
        "Delete the email alerts never confirmed within ALERTS_UNCONFIRMED_DAYS (the scheduler "
        "runs it hourly), or, with --email, every alert of one address (an erasure request); "
        "their emails and task results go with them (docs/privacy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="Delete every alert of this address instead.")
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, email=None, dry_run=False, **options):
        if email:
            chosen = Subscription.objects.filter(email__iexact=email.strip())
            label = "Alerts of that address"
        else:
            chosen = Subscription.objects.stale_unconfirmed()
            label = f"Unconfirmed alerts older than {settings.ALERTS_UNCONFIRMED_DAYS} days"
        if dry_run:
            self.stdout.write(f"{label}: {chosen.count()} (dry run: none deleted)")
            return
        self.stdout.write(f"{label} deleted: {erase(chosen)}")
