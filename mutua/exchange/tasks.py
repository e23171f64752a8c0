"""Background jobs of the exchange, run by `mutua db_worker` on the same database."""

from django_tasks import task

from .models import Offer, Opportunity

KINDS = {"offer": Offer, "opportunity": Opportunity}


@task()
def send_renewal_reminder(*, kind: str, pk: int) -> None:
    """E-mail the owner of a listing that is about to end."""
    from .renewal import remind

    listing = KINDS[kind].objects.select_related("created_by").filter(pk=pk).first()
    if listing is not None:
        remind(listing)
