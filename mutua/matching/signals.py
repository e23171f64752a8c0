"""Suggestions follow every change to a published request or to an offer.

The re-ranking is queued as a background job once the change is committed, so
saving never waits for the engine.
"""

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from mutua.cooperation.models import Partnership
from mutua.exchange.models import Offer
from mutua.exchange.models import Request
from mutua.exchange.signals import bulk_saved

from .ranking import refresh_all_suggestions
from .ranking import refresh_suggestions

LISTED = {Request.Status.PUBLISHED, Request.Status.MATCHED}


def request_saved(sender, instance: Request, **kwargs) -> None:
    if instance.status in LISTED:
        pk = instance.pk
        transaction.on_commit(lambda: refresh_suggestions.enqueue(request_ids=[pk]))


def offer_saved(sender, instance: Offer, **kwargs) -> None:
    """Any offer change may reorder every request's suggestions: one job for all."""
    transaction.on_commit(queue_refresh_of_all)


def records_saved(sender, records: list, **kwargs) -> None:
    """Records written at once (an import): one job for them all."""
    if sender is Offer and records:
        transaction.on_commit(queue_refresh_of_all)
    listed = [r.pk for r in records if sender is Request and r.status in LISTED]
    if listed:
        transaction.on_commit(lambda: refresh_suggestions.enqueue(request_ids=listed))


def partnership_saved(sender, instance, **kwargs) -> None:
    """A partnership on an offer takes (or frees) one of its places."""
    if instance.offer_id is not None:
        transaction.on_commit(queue_refresh_of_all)


def queue_refresh_of_all() -> None:
    waiting = DBTaskResult.objects.ready().filter(
        task_path=refresh_all_suggestions.module_path
    )
    if not waiting.exists():
        refresh_all_suggestions.enqueue()


def connect() -> None:
    from django.db.models.signals import post_save

    post_save.connect(request_saved, sender=Request, dispatch_uid="matching-request")
    post_save.connect(offer_saved, sender=Offer, dispatch_uid="matching-offer")
    for model in (Request, Offer):
        bulk_saved.connect(
            records_saved, sender=model, dispatch_uid=f"matching-bulk-{model.__name__}"
        )
    post_save.connect(
        partnership_saved, sender=Partnership, dispatch_uid="matching-partnership"
    )
