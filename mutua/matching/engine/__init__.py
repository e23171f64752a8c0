"""The matching engine, pure: plain data in, ranked candidates out.

No database: callers pass requests, offers and places (countries with their
regions and groups) as the dataclasses of `data` and `places`, with the fields of
`shared/benchmarks/FORMAT.md`, so the same engine serves the pages, the
background jobs, the allocation rounds and the evaluation command.

`scoring` ranks, `reasons` says why an offer fits and `explain` words it, `text`
and `places` read words and countries, `allocation` assigns offers with few
places to many requests, `evaluation` scores the engine on a labelled data set.
The package imports no model, no selector and no service of any app: the
matching's selectors turn records into its data.
"""
