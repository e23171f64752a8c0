"""What the pages that change a partnership share: who may, the form page and
the confirmation of a removal."""

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mutua.core import responses

from .. import access
from .. import selectors
from ..models import Partnership

NOT_EDITOR = gettext_lazy(
    "Only the partnership's participants, the coordinators of their regions and "
    "the secretariat may change it."
)


def editors_only(view: Callable) -> Callable:
    """Signed in, then the URL's partnership if the user may edit it, or a refusal."""

    @require_http_methods(["GET", "POST"])
    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, uuid, *args, **kwargs) -> HttpResponse:
        partnership = selectors.partnership_by_uuid(uuid)
        if not access.may_edit(request.user, partnership):
            raise PermissionDenied(str(NOT_EDITOR))
        return view(request, partnership, *args, **kwargs)

    return wrapped


def form_page(
    request: HttpRequest,
    form,
    partnership: Partnership,
    title: str,
    save: Callable[[dict], object],
    done: str,
) -> HttpResponse:
    """The form that changes part of a partnership; once saved, the partnership."""
    return responses.form_page(
        request,
        form,
        lambda data: save(dict(data)),
        done=done,
        template="cooperation/form.html",
        context={"partnership": partnership, "title": title},
        back=partnership,
    )


def confirm_removal(
    request: HttpRequest,
    partnership: Partnership,
    what: str,
    remove: Callable[[], object],
    done: str,
) -> HttpResponse:
    """Ask before removing part of a partnership, which cannot be undone."""
    return responses.confirm_page(
        request,
        title=_("Remove “%(what)s”?") % {"what": what},
        question=_(
            "It is removed from “%(partnership)s”, and the indicators no longer "
            "count it. This cannot be undone."
        )
        % {"partnership": partnership.title},
        button=_("Yes, remove it"),
        action=remove,
        done=done,
        back=partnership,
    )
