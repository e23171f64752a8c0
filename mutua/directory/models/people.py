"""Who is who: organizations, their members, people's profiles, roles and API
tokens."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutua.core.models import PublicRecord
from mutua.core.models import actor
from mutua.core.text import index_text
from mutua.core.zones import validate_time_zone

from .reference import Country
from .reference import Language
from .reference import Region


class Organization(PublicRecord):
    class Type(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental / UN body")
        ACADEMIC = "academic", _("Academic or research")
        NGO = "ngo", _("Non-governmental organization")
        IPLC = "iplc", _("Indigenous peoples' and local communities' organization")
        GRASSROOTS = "grassroots", _("Grassroots organization")
        PRIVATE = "private", _("Private sector")
        DONOR = "donor", _("Foundation / donor")
        REGIONAL_CENTRE = "regional_centre", _("Regional TSC centre")

    name = models.CharField(max_length=200)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="organizations"
    )
    type = models.CharField(max_length=20, choices=Type.choices)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True, max_length=5000)
    verified = models.BooleanField(default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organizations"
    )
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"], name="org_unique_name_country"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organization", args=[self.uuid])

    def build_search_text(self) -> str:
        """The folded text the search reads, stored in `search_text`: by the
        services on every write, by the demo data in bulk."""
        return index_text(self.name, self.description)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    is_admin = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization}"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=150, blank=True)
    languages = models.ManyToManyField(Language, blank=True)
    expertise = models.TextField(blank=True, max_length=2000)
    # Empty: UTC. See `core.zones`.
    time_zone = models.CharField(
        max_length=64, blank=True, validators=[validate_time_zone]
    )
    # The language Mutua writes to the user in (e-mails); empty: the site's.
    language = models.CharField(
        max_length=8, blank=True, choices=settings.LANGUAGES, default=""
    )

    def __str__(self) -> str:
        return self.display_name or str(self.user)


class RoleAssignment(models.Model):
    """A scoped role: a focal point for one country, a coordinator for one region."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("National focal point")
        COORDINATOR = "coordinator", _("Regional centre coordinator")
        SECRETARIAT = "secretariat", _("Secretariat")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT
    )
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    granted_by = actor()
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    models.Q(
                        role="focal_point", country__isnull=False, region__isnull=True
                    )
                    | models.Q(
                        role="coordinator", country__isnull=True, region__isnull=False
                    )
                    | models.Q(
                        role="secretariat", country__isnull=True, region__isnull=True
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.country or self.region
        return f"{self.get_role_display()}{f' ({scope})' if scope else ''}: {self.user}"


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "mt_" + secrets.token_urlsafe(32)
