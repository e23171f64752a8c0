"""Record a focal point's use of the platform as it happens."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from mutua.directory import access
from mutua.exchange.models import Transition

from .models import Use

PARTY_ACTIONS = {"submit", "endorse"}


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs) -> None:
    now = timezone.now()
    Use.objects.bulk_create(
        Use(country_id=country, user=user, kind=Use.Kind.SIGN_IN, at=now)
        for country in access.focal_point_country_ids(user)
    )


@receiver(post_save, sender=Transition)
def record_submission(sender, instance: Transition, created: bool, **kwargs) -> None:
    request = instance.request
    if not created or request is None or instance.action not in PARTY_ACTIONS:
        return
    if instance.by and access.is_focal_point_for(instance.by, request.country):
        Use.objects.create(
            country=request.country,
            user=instance.by,
            kind=Use.Kind.SUBMISSION,
            at=instance.at,
        )
