"""Before migrating: find a database made before the site's code was split into apps.

Until December 2026 every model lived in one `goodpractice` app. The apps that replaced it
(home, classification, repository, submissions) start from new initial migrations, so such a
database cannot be migrated forward. No site had been deployed then; a developer's SQLite
file is set aside (never deleted) and a new one is built. A server database is left alone.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

OLD_APP_LABEL = "goodpractice"


def made_by_the_old_layout(connection):
    if "django_migrations" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = %s", [OLD_APP_LABEL])
        return cursor.fetchone()[0] > 0


class Command(BaseCommand):
    help = (
        "Check that the database was not made by the layout before the apps were split; a "
        "SQLite file that was is renamed (kept) so that `migrate` builds a new one."
    )

    def handle(self, *args, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        if not made_by_the_old_layout(connection):
            return
        if connection.vendor != "sqlite":
            raise CommandError(
                f"The database {connection.settings_dict['NAME']!r} was made by an older version "
                "of this site (one 'goodpractice' app) and cannot be migrated to the new apps. "
                "Create a new, empty database, point DATABASE_URL at it and run `make run` again."
            )
        old = Path(connection.settings_dict["NAME"])
        connection.close()
        kept = old.with_name(f"{old.name}.old-layout-{timezone.now():%Y%m%d-%H%M%S}")
        old.rename(kept)
        self.stdout.write(
            self.style.WARNING(
                f"{old.name} was made by an older version of this site and cannot be migrated "
                f"to its new apps. It was kept as {kept.name}, and a new database with the demo "
                "content is being built. Your uploaded files in media/ are kept as they were."
            )
        )
