import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from mutua.directory.models import RoleAssignment

EMAIL = "secretariat@demo.mutua.example"


class Command(BaseCommand):
    help = "Give the demo secretariat account a fresh password and print the login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo-login is for development instances (DEBUG=1) only."
            )
        user, _ = User.objects.get_or_create(
            username="secretariat",
            defaults={"email": EMAIL, "first_name": "Secretariat"},
        )
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        RoleAssignment.objects.get_or_create(
            user=user, role=RoleAssignment.Role.SECRETARIAT
        )
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            self.style.SUCCESS(f"Secretariat login: {user.email} / {password}")
        )
