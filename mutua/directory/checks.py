"""A deploy check: the sign-up's floor outlasts a password hash on this server.

A sign-up answers no sooner than SIGNUP_ANSWER_MS milliseconds after it
arrived, so that a new address and a registered one take the same time (see
`accounts`).
The floor hides the difference only while it is above the sign-up's own work,
most of which is the password hash: a slower server, or more iterations in a
newer Django, can bring the work above it.
"""

import math
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.checks import Tags
from django.core.checks import Warning
from django.core.checks import register


@register(Tags.security, deploy=True)
def sign_up_floor_outlasts_a_hash(app_configs, **kwargs) -> list[Warning]:
    """Twice the quickest of up to three hashes: a moment's load does not warn,
    and the writes and a busier hour have room. The first hash that the floor
    outlasts twice ends the check."""
    hashed = math.inf
    for _ in range(3):
        hashed = min(hashed, _time_a_hash())
        twice_a_hash_ms = math.ceil(2000 * hashed)
        if settings.SIGNUP_ANSWER_MS >= twice_a_hash_ms:
            return []
    return [
        Warning(
            f"A sign-up answers after {settings.SIGNUP_ANSWER_MS} ms, less than "
            f"twice a password hash here ({twice_a_hash_ms} ms): a new address "
            "may be told from a registered one by its time.",
            hint=f"Set SIGNUP_ANSWER_MS to {twice_a_hash_ms} or more.",
            id="directory.W001",
        )
    ]


def _time_a_hash() -> float:
    started = time.perf_counter()
    make_password("a password of the length people choose")
    return time.perf_counter() - started
