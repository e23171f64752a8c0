"""Made-up discussions and notifications written in bulk, for the demo and
the benchmarks of discussion pages and weekly digests.

Rows are written as the services would leave them (counts and last times
kept), but without telling anyone: a benchmark times reading, not sending.
"""

import datetime as dt
import random
import time

from django.contrib.auth.models import User
from django.contrib.auth.models import make_password
from django.db import transaction
from django.utils import timezone

from mutua.community.models import Post
from mutua.community.models import Space
from mutua.community.models import Thread
from mutua.core.text import index_text
from mutua.notifications.models import Delivery
from mutua.notifications.models import Kind
from mutua.notifications.models import Notification

from .seed import analyze

BATCH = 5000
WORDS = (
    "wetland survey seed bank peat restoration coral reef barcoding mangrove "
    "monitoring training laboratory taxonomy pollinator grassland fisheries "
    "community mapping invasive species genetic resources access benefit"
).split()


def people(count: int, prefix: str) -> list[int]:
    """`count` accounts that sign in only with a password reset; their ids."""
    password = make_password(None)
    User.objects.bulk_create(
        (
            User(
                username=f"{prefix}-{n}",
                email=f"{prefix}-{n}@example.org",
                password=password,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    return list(
        User.objects.filter(username__startswith=f"{prefix}-").values_list(
            "pk", flat=True
        )
    )


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def discussions(*, spaces: int, threads: int, posts: int, seed: int = 1) -> dict:
    """`spaces` theme spaces holding `threads` threads and `posts` posts in all,
    spread evenly, written by a hundred made-up members."""
    started = time.monotonic()
    rng = random.Random(seed)
    authors = people(100, "writer")
    now = timezone.now()
    with transaction.atomic():
        made = Space.objects.bulk_create(
            Space(kind=Space.Kind.THEME, title=f"Theme {n + 1}") for n in range(spaces)
        )
        each = posts // threads
        rows = [
            Thread(
                space=made[n % spaces],
                title=_sentence(rng, 5),
                started_by_id=rng.choice(authors),
                post_count=each,
                last_post_at=now - dt.timedelta(minutes=n),
            )
            for n in range(threads)
        ]
        Thread.objects.bulk_create(rows, batch_size=BATCH)
        for space in made:
            Space.objects.filter(pk=space.pk).update(
                thread_count=Thread.objects.filter(space=space).count()
            )
        thread_ids = list(Thread.objects.values_list("pk", flat=True))
        batch = []
        for n in range(posts):
            text = _sentence(rng, 40)
            batch.append(
                Post(
                    thread_id=thread_ids[n % threads],
                    author_id=rng.choice(authors),
                    text=text,
                    search_text=index_text(text),
                    created_at=now - dt.timedelta(seconds=posts - n),
                )
            )
            if len(batch) == BATCH:
                Post.objects.bulk_create(batch)
                batch = []
        Post.objects.bulk_create(batch)
    analyze()
    return {
        "spaces": spaces,
        "threads": threads,
        "posts": posts,
        "seconds": round(time.monotonic() - started, 1),
    }


def weekly_news(*, users: int, each: int) -> dict:
    """`users` accounts with `each` notifications waiting for the weekly digest."""
    started = time.monotonic()
    recipients = people(users, "reader")
    kinds = [Kind.FITTING, Kind.THREAD_REPLY, Kind.MATCH_PROPOSED]
    with transaction.atomic():
        batch = []
        for user in recipients:
            for n in range(each):
                batch.append(
                    Notification(
                        recipient_id=user,
                        kind=kinds[n % len(kinds)],
                        key=f"news:{n}",
                        sentence="A new post in “%(title)s”.",
                        values={"title": f"Thread {n}"},
                        url=f"/discussions/threads/{n}/",
                        delivery=Delivery.WEEKLY,
                    )
                )
            if len(batch) >= BATCH:
                Notification.objects.bulk_create(batch)
                batch = []
        Notification.objects.bulk_create(batch)
    analyze()
    return {
        "users": users,
        "notifications": users * each,
        "seconds": round(time.monotonic() - started, 1),
    }
