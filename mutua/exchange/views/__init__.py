"""Pages of the exchange: public lists, details, forms, lifecycle actions, queues.

Offers and opportunities share one set of views (they share a lifecycle);
requests have their own. HTMX requests get the named fragment of the same
template; every page also works without JavaScript.
"""
