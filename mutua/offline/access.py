"""Whose copies a device keeps: the service worker keeps the pages of one account
at a time, and forgets them when another account (or nobody) signs in."""

from django.utils.crypto import salted_hmac

from mutua.directory.access import Actor

ANONYMOUS = "anonymous"


def account_key(user: Actor) -> str:
    """A name for the signed-in account that tells accounts apart and nothing else."""
    if not user.is_authenticated:
        return ANONYMOUS
    return salted_hmac("mutua.offline.account", str(user.pk)).hexdigest()[:20]
