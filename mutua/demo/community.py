"""The demo's discussions: a space for each region with a support centre,
three theme spaces, a few threads, and a question on a published request,
written through the community's services as people would."""

from django.contrib.auth.models import User
from django.db import transaction

from mutua.community import services
from mutua.community.models import Space
from mutua.directory.models import GbfTarget
from mutua.directory.models import Region
from mutua.exchange.models import Request

from .people import PREFIX

THEMES = [
    ("Wetlands and peatlands", 2, "Restoring and monitoring wetlands and peat."),
    ("Seed banks and genetic resources", 4, "Keeping seeds and breeds alive."),
    ("Biodiversity data and monitoring", 21, "Sharing data, indicators and tools."),
]
THREADS = [
    (
        "Wetlands and peatlands",
        "Measuring water levels in peatland without loggers",
        "member",
        "Our rangers read **staff gauges** by hand each week. Has anyone "
        "found a cheap way to log levels daily?",
        "provider",
        "We used pressure loggers shared between sites, about 150 USD each; "
        "our protocol is on the university's site.",
    ),
    (
        "Biodiversity data and monitoring",
        "Reporting national targets with small teams",
        "provider",
        "Which indicators of the monitoring framework did small teams manage "
        "to report first?",
        "member",
        "The headline indicators on protected areas, using the global "
        "databases, before any field data.",
    ),
]


def discussions_demo_create(*, secretariat: User) -> dict[str, int]:
    """The demo discussions, once: a second run finds them and does nothing."""
    if Space.objects.exists():
        return {}
    cast = {
        role: User.objects.get(username=f"{PREFIX}{role}")
        for role in ("member", "provider")
    }
    with transaction.atomic():
        regions = Region.objects.filter(centre__isnull=False).select_related("centre")
        for region in regions.order_by("name"):
            services.space_create(
                by=secretariat,
                kind=Space.Kind.REGION,
                title=region.name,
                description=f"The community of practice of {region.name}, "
                f"with its support centre, {region.centre.name}.",
                region=region,
            )
        themes = {
            title: services.space_create(
                by=secretariat,
                kind=Space.Kind.THEME,
                title=title,
                description=about,
                target=GbfTarget.objects.filter(number=target).first(),
            )
            for title, target, about in THEMES
        }
        for space, title, asker, text, answerer, answer in THREADS:
            thread = services.thread_start(
                space=themes[space], by=cast[asker], title=title, text=text
            )
            services.post_reply(thread=thread, by=cast[answerer], text=answer)
        request = Request.objects.filter(status=Request.Status.PUBLISHED).first()
        if request is not None:
            services.record_ask(
                record=request,
                by=cast["provider"],
                text="Would a two-week training at your site suit you, or online?",
            )
    return {"spaces": regions.count() + len(THEMES), "threads": len(THREADS)}
