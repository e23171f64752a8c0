"""Writes of calls: a module per concern, imported from by callers.

`calls` drafts, edits and moves calls; `applications` writes applications and
their answers; `documents` keeps the files of both. Every write checks its
permission through `access`, validates with `full_clean()`, and runs in one
transaction.
"""
