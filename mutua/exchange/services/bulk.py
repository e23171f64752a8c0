"""Writes of many records at once, checked beforehand by their services."""

from django.db import transaction

from .. import duplicates
from .. import signals
from ..models import Offer
from ..models import Opportunity
from ..models import Request
from ..models import Transition
from .records import OFFER_M2M
from .records import OPPORTUNITY_M2M
from .records import REQUEST_M2M
from .records import Prepared

# Rows per INSERT when records are written at once (SQLite takes 32,766 values).
BATCH = 500

M2M = {Request: REQUEST_M2M, Offer: OFFER_M2M, Opportunity: OPPORTUNITY_M2M}


def records_write(model: type[Request] | type[Offer], prepared: list[Prepared]) -> None:
    """Write records checked by `request_prepare` or `listing_prepare`, an INSERT per
    table and batch rather than several per record, so that thousands of rows hold
    the write lock for seconds, not minutes.

    Call it inside the caller's transaction. What the single writes trigger record
    by record (suggestions, focal points' use) follows from `signals.bulk_saved`;
    the duplicate check of submitted requests runs as a job once committed.
    """

    new = [p for p in prepared if p.created]
    records = model.objects.bulk_create([p.record for p in new], batch_size=BATCH)
    for name in M2M[model]:
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source, target = relation.m2m_column_name(), relation.m2m_reverse_name()
        through.objects.bulk_create(
            (
                through(**{source: p.record.pk, target: other.pk})
                for p in new
                for other in dict.fromkeys(p.relations.get(name, ()))
            ),
            batch_size=BATCH,
        )
    steps = Transition.objects.bulk_create(
        [step for p in new for step in p.steps], batch_size=BATCH
    )
    signals.bulk_saved.send(sender=model, records=records)
    signals.bulk_saved.send(sender=Transition, records=steps)
    submitted = [step.request_id for step in steps if step.action == "submit"]
    if submitted:
        transaction.on_commit(
            lambda: duplicates.flag_duplicates.enqueue(request_ids=submitted)
        )
