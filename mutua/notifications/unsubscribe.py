"""Signed one-click unsubscribe links (RFC 8058).

A link names its recipient and the kinds of notification its e-mail told of,
signed with the site's key: it changes those choices of that recipient only,
and a link altered in any way is refused. Links do not expire: a mail client
may offer to unsubscribe months after the e-mail came.
"""

from django.core import signing

from .models import Kind

SALT = "mutua.notifications.unsubscribe"


class BadToken(Exception):
    """The link was not made by this site, or was altered."""


def token_for(user_id: int, kinds: list[str]) -> str:
    return signing.dumps([user_id, sorted(set(kinds))], salt=SALT, compress=True)


def read(token: str) -> tuple[int, list[str]]:
    try:
        user_id, kinds = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadToken from error
    if not isinstance(user_id, int) or not set(kinds) <= set(Kind.values):
        raise BadToken
    return user_id, kinds
