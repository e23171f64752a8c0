"""Writes of the exchange: create, edit and move requests, offers, opportunities.

Every write checks its permission through `access`, validates the whole record
with `full_clean()`, and runs in one transaction; every lifecycle move is
recorded as a `Transition`. Creation accepts a client-generated `uuid` and is
idempotent on it, so an offline client may safely send the same record twice.

Callers import from the submodules by concern: `requests`, `listings` (offers
and opportunities), `bulk` (many records at once) and `records` (what they
share).
"""
