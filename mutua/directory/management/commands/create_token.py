from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from mutua.core.errors import ValidationError
from mutua.directory import selectors
from mutua.directory import services


class Command(BaseCommand):
    help = (
        "Create an API token for the account with EMAIL and print its key, "
        "which is shown only once."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("name", help="What the token is for, e.g. 'mobile app'.")

    def handle(self, *args, email, name, **options):
        user = selectors.user_by_email(email)
        if user is None:
            raise CommandError(f"No single active account has the e-mail {email}.")
        try:
            _, key = services.api_token_create(user=user, name=name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        # The key alone on stdout, so that scripts can capture it.
        self.stderr.write(f"Token {name!r} for {user.email}; keep this key secret:")
        self.stdout.write(key)
