from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from goodpractice.accounts.devices import remove_second_factor


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes (a lost phone): at their next "
        "sign-in they set up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user {username!r}") from error
        removed = remove_second_factor(user)
        self.stdout.write(
            f"Removed {removed} device(s) for {username}: "
            "they set up a new app at their next sign-in."
        )
