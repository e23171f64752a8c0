"""API of discussions: spaces, their threads and posts, as on the pages."""

from uuid import UUID

from ninja import Query
from ninja import Router
from ninja.responses import Status

from mutua.core.api import READS
from mutua.core.api import WRITE
from mutua.core.errors import NotFound
from mutua.core.schemas import PageIn
from mutua.core.schemas import error_responses
from mutua.core.schemas import page_of
from mutua.directory.models import GbfTarget
from mutua.directory.models import Region
from mutua.directory.schemas import resolve_code

from . import access
from . import selectors
from . import services
from .models import Post
from .schemas import PostIn
from .schemas import PostOut
from .schemas import PostPage
from .schemas import SpaceIn
from .schemas import SpaceOut
from .schemas import ThreadIn
from .schemas import ThreadOut
from .schemas import ThreadPage

router = Router(tags=["discussions"])


@router.get("/spaces", response={200: list[SpaceOut], **error_responses()}, **READS)
def list_spaces(request):
    """Every discussion space, by theme and by region."""
    return selectors.spaces()


@router.post(
    "/spaces",
    response={201: SpaceOut, **error_responses(body=True, conflict=True)},
    auth=WRITE,
)
def create_space(request, payload: SpaceIn):
    """Open a space: the secretariat any, a coordinator its region's."""
    region = (
        resolve_code(Region, payload.region, field="region") if payload.region else None
    )
    target = None
    if payload.target is not None:
        target = GbfTarget.objects.filter(number=payload.target).first()
        if target is None:
            raise NotFound({"target": "No such GBF target."})
    space = services.space_create(
        by=request.auth,
        kind=payload.kind,
        title=payload.title,
        description=payload.description,
        region=region,
        target=target,
    )
    return Status(201, space)


@router.get("/spaces/{uuid}", response={200: SpaceOut, **error_responses()}, **READS)
def get_space(request, uuid: UUID):
    return access.space_for_user(request.auth, uuid)


@router.get(
    "/spaces/{uuid}/threads",
    response={200: ThreadPage, **error_responses()},
    **READS,
)
def list_space_threads(request, uuid: UUID, query: Query[PageIn]):
    """A space's threads, pinned first, then the latest written to."""
    space = access.space_for_user(request.auth, uuid)
    return page_of(selectors.threads_of(space), query, count=space.thread_count)


@router.post(
    "/spaces/{uuid}/threads",
    response={201: ThreadOut, **error_responses(body=True, limited=True)},
    auth=WRITE,
)
def start_thread(request, uuid: UUID, payload: ThreadIn):
    """Start a thread with its first post."""
    space = access.space_for_user(request.auth, uuid)
    thread = services.thread_start(
        space=space, by=request.auth, title=payload.title, text=payload.text
    )
    return Status(201, thread)


@router.get("/threads/{uuid}", response={200: ThreadOut, **error_responses()}, **READS)
def get_thread(request, uuid: UUID):
    return access.thread_for_user(request.auth, uuid)


@router.get(
    "/threads/{uuid}/posts",
    response={200: PostPage, **error_responses()},
    **READS,
)
def list_thread_posts(request, uuid: UUID, query: Query[PageIn]):
    """A thread's posts in order; hidden ones only for their author and moderators."""
    thread = access.thread_for_user(request.auth, uuid)
    return page_of(selectors.posts_of(thread, request.auth), query)


@router.post(
    "/threads/{uuid}/posts",
    response={
        201: PostOut,
        **error_responses(body=True, conflict=True, limited=True),
    },
    auth=WRITE,
)
def reply_to_thread(request, uuid: UUID, payload: PostIn):
    """Reply in a thread, quoting one of its posts if asked."""
    thread = access.thread_for_user(request.auth, uuid)
    quoting = None
    if payload.quoting is not None:
        quoting = Post.objects.filter(uuid=payload.quoting).first()
        if quoting is None or not access.sees_post(request.auth, quoting):
            raise NotFound({"quoting": "No such post."})
    post = services.post_reply(
        thread=thread, by=request.auth, text=payload.text, quoting=quoting
    )
    return Status(201, post)
