"""Record a focal point's use of the platform as it happens."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from mutua.directory import access
from mutua.exchange.models import Transition
from mutua.exchange.signals import bulk_saved

from .models import Use

PARTY_ACTIONS = {"submit", "endorse"}


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs) -> None:
    now = timezone.now()
    Use.objects.bulk_create(
        Use(country_id=country, user=user, kind=Use.Kind.SIGN_IN, at=now)
        for country in access.focal_point_country_ids(user)
    )


def _submission(step: Transition) -> Use | None:
    """The use a focal point made in submitting or endorsing a request, if so."""
    request = step.request
    if request is None or step.action not in PARTY_ACTIONS:
        return None
    if step.by and access.is_focal_point_for(step.by, request.country):
        return Use(
            country=request.country, user=step.by, kind=Use.Kind.SUBMISSION, at=step.at
        )
    return None


@receiver(post_save, sender=Transition)
def record_submission(sender, instance: Transition, created: bool, **kwargs) -> None:
    use = _submission(instance) if created else None
    if use is not None:
        use.save()


@receiver(bulk_saved, sender=Transition)
def record_submissions(sender, records: list[Transition], **kwargs) -> None:
    """The same for history rows written at once, by an import."""
    Use.objects.bulk_create(filter(None, map(_submission, records)))
