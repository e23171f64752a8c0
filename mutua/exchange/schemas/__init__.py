"""Shapes of requests, offers and opportunities in the API, by record kind."""
