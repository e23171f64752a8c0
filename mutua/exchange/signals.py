"""Signals of the exchange's writes that Django's own do not cover."""

from django.dispatch import Signal

# Sent by `services.records_write` after records were inserted at once, where
# `post_save` is not sent: sender is the model, `records` the saved instances.
bulk_saved = Signal()
