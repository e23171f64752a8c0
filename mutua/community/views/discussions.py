"""Pages of discussions: spaces, threads, posts, search, moderation, and the
questions under a request or an offer."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from mutua.core.errors import PermissionDenied
from mutua.core.errors import ValidationError
from mutua.core.forms import run_service
from mutua.core.paginator import KeysFirstPaginator
from mutua.core.responses import first_error
from mutua.core.responses import render_page_or_partial
from mutua.directory import access as directory
from mutua.exchange import access as exchange
from mutua.exchange.models import Offer

from .. import access
from .. import selectors
from .. import services
from ..forms import PostForm
from ..forms import ReasonForm
from ..forms import SpaceForm
from ..forms import ThreadForm
from ..models import Post
from ..models import Space
from ..services.discussions import thread_url

THREADS_A_PAGE = 30
POSTS_A_PAGE = 30


def _sign_in_to_write(view):
    """Anyone reads the page; writing on it (a POST) asks a visitor to sign in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _may_create(user) -> bool:
    return directory.is_secretariat(user) or bool(
        directory.coordinated_region_ids(user)
    )


@require_http_methods(["GET", "HEAD", "POST"])
def spaces(request: HttpRequest) -> HttpResponse:
    """Every space; the secretariat and coordinators create them here."""
    may_create = request.user.is_authenticated and _may_create(request.user)
    form = SpaceForm(request.POST or None) if may_create else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(
                _("The secretariat and the regions' coordinators create spaces.")
            )
        space = run_service(
            form, lambda data: services.space_create(by=request.user, **data)
        )
        if space is not None:
            return redirect("community:space", uuid=space.uuid)
    context = {"spaces": selectors.spaces(), "form": form}
    return render(request, "community/spaces.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@_sign_in_to_write
def space(request: HttpRequest, uuid) -> HttpResponse:
    """A space's threads, pinned first; signed-in users start one here."""
    found = access.space_for_user(request.user, uuid)
    form = ThreadForm(request.POST or None)
    if request.method == "POST":
        thread = run_service(
            form,
            lambda data: services.thread_start(space=found, by=request.user, **data),
        )
        if thread is not None:
            return redirect(thread_url(thread))
    # The counts the services keep spare a COUNT of a large space or thread.
    page = KeysFirstPaginator(
        selectors.threads_of(found), THREADS_A_PAGE, count=found.thread_count
    )
    context = {
        "space": found,
        "page": page.get_page(request.GET.get("page")),
        "form": form,
        "following": selectors.follows(request.user, space=found),
    }
    return render(request, "community/space.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@_sign_in_to_write
def thread(request: HttpRequest, uuid) -> HttpResponse:
    """A thread's posts in order; a reply, quoting one of them if asked."""
    found = access.thread_for_user(request.user, uuid)
    quoting = None
    if request.GET.get("quote") or request.POST.get("quoting"):
        quoting = access.post_for_user(
            request.user, request.POST.get("quoting") or request.GET["quote"]
        )
    # Markdown quotes line by line: each quoted line starts with "> ".
    initial = None
    if quoting:
        quoted = "\n".join(f"> {line}" for line in quoting.text[:500].splitlines())
        initial = {"text": f"{quoted}\n\n"}
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST":
        post = run_service(
            form,
            lambda data: services.post_reply(
                thread=found, by=request.user, quoting=quoting, **data
            ),
        )
        if post is not None:
            found.refresh_from_db()
            last = (found.post_count - 1) // POSTS_A_PAGE + 1
            return redirect(f"{thread_url(found)}?page={last}#post-{post.uuid}")
    moderates = access.moderates(request.user, found)
    posts = selectors.posts_of(found, request.user)
    exact = moderates or selectors.has_hidden_posts(request.user, found)
    page = KeysFirstPaginator(
        posts, POSTS_A_PAGE, count=None if exact else found.post_count
    ).get_page(request.GET.get("page"))
    context = {
        "thread": found,
        "page": page,
        "form": form,
        "quoting": quoting,
        "following": selectors.follows(request.user, thread=found),
        "moderates": moderates,
        "reason_form": ReasonForm(),
        "log": selectors.moderation_of(found) if moderates else (),
        "move_to": Space.objects.exclude(pk=found.space_id) if moderates else (),
    }
    return render(request, "community/thread.html", context)


@require_POST
@login_required
def follow(request: HttpRequest) -> HttpResponse:
    on = request.POST.get("follow") == "on"
    if request.POST.get("space"):
        found = access.space_for_user(request.user, request.POST["space"])
        services.follow_set(by=request.user, on=on, space=found)
        return redirect("community:space", uuid=found.uuid)
    found = access.thread_for_user(request.user, request.POST.get("thread"))
    services.follow_set(by=request.user, on=on, thread=found)
    return redirect(thread_url(found))


def _reason(request: HttpRequest) -> str:
    form = ReasonForm(request.POST)
    return form.data.get("reason", "") if form.is_bound else ""


@require_POST
@login_required
def post_action(request: HttpRequest, uuid, action: str) -> HttpResponse:
    """Report a post; hide it or show it again (moderators)."""
    post = access.post_for_user(request.user, uuid)
    reason = _reason(request)
    acts = {
        "report": lambda: services.post_report(
            post=post, by=request.user, reason=reason
        ),
        "hide": lambda: services.post_hide(post=post, by=request.user, reason=reason),
        "show": lambda: services.post_hide(
            post=post, by=request.user, reason=reason, hidden=False
        ),
    }
    if action not in acts:
        raise Http404(_("No such action."))
    try:
        acts[action]()
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(
            request,
            _("Thank you: the moderators will look at it.")
            if action == "report"
            else _("Done, and logged with its reason."),
        )
    return redirect(thread_url(post.thread) + f"#post-{post.uuid}")


@require_POST
@login_required
def moderate(request: HttpRequest, uuid) -> HttpResponse:
    """Lock, unlock, pin, unpin or move a thread, with a reason."""
    found = access.thread_for_user(request.user, uuid)
    action, reason = request.POST.get("action"), _reason(request)
    acts = {
        "lock": lambda: services.thread_lock(
            thread=found, by=request.user, reason=reason
        ),
        "unlock": lambda: services.thread_lock(
            thread=found, by=request.user, reason=reason, locked=False
        ),
        "pin": lambda: services.thread_pin(
            thread=found, by=request.user, reason=reason
        ),
        "unpin": lambda: services.thread_pin(
            thread=found, by=request.user, reason=reason, pinned=False
        ),
        "move": lambda: services.thread_move(
            thread=found,
            by=request.user,
            reason=reason,
            to=access.space_for_user(request.user, request.POST.get("to") or "-"),
        ),
    }
    if action not in acts:
        messages.error(request, _("Choose what to do with the thread."))
        return redirect(thread_url(found))
    try:
        acts[action]()
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("Done, and logged with its reason."))
    return redirect(thread_url(found))


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    found = selectors.search_posts(query) if query else Post.objects.none()
    page = Paginator(found, POSTS_A_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/search.html", {"q": query, "page": page})


@require_safe
@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """The posts members reported, for the moderators to look at."""
    if not _may_create(request.user):
        raise PermissionDenied(_("Only moderators see the reports."))
    page = Paginator(selectors.open_reports(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "community/reports.html", {"page": page})


@require_http_methods(["GET", "HEAD", "POST"])
@_sign_in_to_write
def record_questions(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    """The public questions under a request or an offer (a fragment of its
    page); signed-in users ask or answer here."""
    if kind == "requests":
        record = exchange.request_for_user(request.user, uuid)
    else:
        record = exchange.listing_for_user(Offer, request.user, uuid)
    form = PostForm(request.POST or None)
    if request.method == "POST":
        post = run_service(
            form,
            lambda data: services.record_ask(record=record, by=request.user, **data),
        )
        if post is not None:
            messages.success(request, _("Your post is published."))
            return redirect(record.get_absolute_url() + "#questions")
    found = selectors.questions_of_record(record)
    posts = selectors.posts_of(found, request.user)[:50] if found else []
    context = {
        "record": record,
        "kind": kind,
        "thread": found,
        "posts": posts,
        "form": form,
    }
    return render_page_or_partial(
        request, "community/questions.html", "questions", context
    )
