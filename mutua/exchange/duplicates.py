"""Flag a submitted request that resembles another open request of its country."""

from django_tasks import task

from mutua.core.search import search
from mutua.core.text import search_terms

from .lifecycle import OPEN_REQUEST
from .models import Request

# Share of the smaller word set two requests must have in common to look alike.
THRESHOLD = 0.6
MIN_WORD_LENGTH = 4
# Only the best text matches are compared, so a country with thousands of open
# requests costs one index look-up, not a scan.
CANDIDATES = 50


def _words(request: Request) -> list[str]:
    """The request's long words, title first, in order."""
    text = f"{request.title} {request.challenge}"
    return [w for w in search_terms(text, limit=200) if len(w) >= MIN_WORD_LENGTH]


def similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def flag_request(request: Request) -> list[Request]:
    """Record and return the open requests of the same country that look alike.

    The search index ranks the country's open requests by the words they share
    with this one; only the best `CANDIDATES` are compared word for word.
    """
    words = _words(request)
    if not words:
        return []
    open_requests = (
        Request.objects.filter(country_id=request.country_id, status__in=OPEN_REQUEST)
        .exclude(pk=request.pk)
        .exclude(status=Request.Status.DRAFT)
    )
    # Ranked as bare ids, so that the sort of every match stays small.
    best = search(open_requests, " ".join(words), rank=True, any_word=True)
    best_ids = list(best.values_list("pk", flat=True)[:CANDIDATES])
    candidates = Request.objects.filter(pk__in=best_ids).only(
        "id", "title", "challenge"
    )
    mine = set(words)
    alike = [
        other
        for other in candidates
        if similarity(mine, set(_words(other))) >= THRESHOLD
    ]
    request.possible_duplicates.add(*alike)
    return alike


@task()
def flag_duplicates(*, request_ids: list[int]) -> int:
    """Flag the look-alikes of requests submitted by an import, as a submission
    one at a time does at once: one short write per request, not one long one."""
    submitted = Request.objects.filter(pk__in=request_ids, status__in=OPEN_REQUEST)
    flagged = 0
    for request in submitted.exclude(status=Request.Status.DRAFT):
        flagged += bool(flag_request(request))
    return flagged
