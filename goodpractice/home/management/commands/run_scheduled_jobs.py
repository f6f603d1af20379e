"""The scheduler process (the Procfile's `scheduler`): runs the management commands that
settings.SCHEDULED_JOBS names, each at its interval, for as long as it runs.

Run exactly one per deployment. A platform with its own scheduler (cron, a Kubernetes
CronJob) can run the same commands instead; docs/operations.md lists them.
"""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the scheduled jobs in settings.SCHEDULED_JOBS for ever (or once with --once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then stop.")

    def handle(self, *args, once=False, **options):
        due = {command: 0.0 for command, _seconds in settings.SCHEDULED_JOBS}
        while True:
            now = time.monotonic()
            for command, seconds in settings.SCHEDULED_JOBS:
                if now >= due[command]:
                    self.run(command)
                    due[command] = now + seconds
            if once:
                return
            time.sleep(max(1.0, min(due.values()) - time.monotonic()))

    def run(self, command):
        started = time.monotonic()
        try:
            call_command(command, stdout=self.stdout, stderr=self.stderr)
        except Exception:
            # One failing job must not stop the others; the log says which and why.
            logger.exception("Scheduled job %s failed", command)
            return
        logger.info("Scheduled job %s took %.1f s", command, time.monotonic() - started)
