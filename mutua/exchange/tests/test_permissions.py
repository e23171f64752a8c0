"""Who may do what in the exchange: every persona against every write, twice.

The matrix below is the rule book. Each row is an action on a record in a given
status, each column a persona of `mutua/conftest.py` (and an anonymous visitor).
A cell reads:

- `ok`: allowed; the page redirects (or shows, for a read) and the API answers
  200/201, and the database holds the change;
- `no`: refused with 403 (the record is visible, the action is not theirs);
- `404`: refused as if the record did not exist (existence is private);
- `form`: refused by the form, which names the country or organization field
  (the user may submit for something, just not this); the API says 403;
- `login`: a visitor is sent to log in; the API says 401.

Every refused cell also checks that nothing at all was written. Who may do what
follows "Who uses it" and section 2 of the specification: focal points submit
and manage their country's requests and endorse those of its organizations, or
send them back or decline them with a reason; the
region's coordinator reviews, asks for clarification, publishes or rejects; a
provider's members manage its offers and opportunities; the secretariat
administers everything.
"""

from http.cookies import SimpleCookie

import pytest
from django.urls import reverse

from mutua.directory import services as directory_services
from mutua.directory.models import Membership
from mutua.directory.models import RoleAssignment
from mutua.exchange.models import Offer
from mutua.exchange.models import Opportunity
from mutua.exchange.models import Request
from mutua.exchange.services.listings import listing_create
from mutua.exchange.services.requests import request_create
from mutua.testing.actions import LATER
from mutua.testing.actions import LISTING_FIELDS
from mutua.testing.actions import OFFER_EDIT_FORM
from mutua.testing.actions import REQUEST_EDIT_FORM
from mutua.testing.actions import TITLE
from mutua.testing.actions import create
from mutua.testing.actions import edit
from mutua.testing.actions import fresh
from mutua.testing.actions import import_offers
from mutua.testing.actions import offer_body
from mutua.testing.actions import offer_form
from mutua.testing.actions import opportunity_body
from mutua.testing.actions import opportunity_form
from mutua.testing.actions import request_body
from mutua.testing.actions import request_form
from mutua.testing.actions import request_in
from mutua.testing.actions import starting
from mutua.testing.actions import transition
from mutua.testing.actions import view
from mutua.testing.matrix import CLIENT
from mutua.testing.matrix import Cell
from mutua.testing.matrix import Row
from mutua.testing.matrix import check_api
from mutua.testing.matrix import check_web
from mutua.testing.matrix import matrix_tests
from mutua.testing.matrix import start
from mutua.testing.personas import make_user

pytestmark = pytest.mark.django_db

ROWS = {
    # Requests.
    "create-request-for-its-organization": Row(
        **create(Request, request_form("ngo"), request_body("ngo"))
    ),
    "create-request-without-organization": Row(
        **create(Request, request_form(None), request_body(None))
    ),
    "edit-draft-request": Row(starting("draft"), **edit(REQUEST_EDIT_FORM)),
    "edit-published-request": Row(starting("published"), **edit(REQUEST_EDIT_FORM)),
    # A closed request is final, for its reviewers too.
    "edit-closed-request": Row(starting("closed"), **edit(REQUEST_EDIT_FORM)),
    # A focal point's own submission is endorsed at once.
    "submit-request": Row(
        starting("draft"), **transition("submit", "submitted", "under_review")
    ),
    "endorse-request": Row(
        starting("submitted"), **transition("endorse", "under_review")
    ),
    # The focal point's ways back: to the organization, or no endorsement.
    "send-back-request": Row(
        starting("submitted"),
        **transition("send_back", "clarification", reason="Add the budget."),
    ),
    "decline-request": Row(
        starting("submitted"),
        **transition("decline", "rejected", reason="Not a national priority."),
    ),
    "publish-request": Row(
        starting("under_review"), **transition("publish", "published")
    ),
    "clarify-request": Row(
        starting("under_review"),
        **transition("clarify", "clarification", reason="Name the lake."),
    ),
    "reject-request": Row(
        starting("under_review"),
        **transition("reject", "rejected", reason="Out of scope."),
    ),
    "withdraw-request": Row(
        starting("published"), **transition("withdraw", "withdrawn")
    ),
    "close-request": Row(
        starting("published"),
        **transition("close", "closed", reason="Solved at home."),
    ),
    "endorse-request-of-another-country": Row(
        starting("submitted", abroad=True), **transition("endorse", "under_review")
    ),
    "send-back-request-of-another-country": Row(
        starting("submitted", abroad=True),
        **transition("send_back", "clarification", reason="Add the budget."),
    ),
    "decline-request-of-another-country": Row(
        starting("submitted", abroad=True),
        **transition("decline", "rejected", reason="Not a national priority."),
    ),
    "publish-request-of-another-region": Row(
        starting("under_review", abroad=True), **transition("publish", "published")
    ),
    "view-draft-request": Row(starting("draft"), **view()),
    # Offers.
    "create-offer": Row(**create(Offer, offer_form, offer_body)),
    "edit-offer": Row(starting("published", model=Offer), **edit(OFFER_EDIT_FORM)),
    "publish-offer": Row(
        starting("draft", model=Offer), **transition("publish", "published")
    ),
    "pause-offer": Row(
        starting("published", model=Offer), **transition("pause", "paused")
    ),
    "resume-offer": Row(
        starting("paused", model=Offer), **transition("resume", "published")
    ),
    "renew-offer": Row(
        starting("published", model=Offer),
        **{
            **transition("renew", "published", valid_until=LATER),
            "done": lambda cell: fresh(cell).valid_until == LATER,
        },
    ),
    "withdraw-offer": Row(
        starting("published", model=Offer), **transition("withdraw", "withdrawn")
    ),
    "view-draft-offer": Row(starting("draft", model=Offer), **view()),
    # Opportunities.
    "create-opportunity": Row(
        **create(Opportunity, opportunity_form, opportunity_body)
    ),
    "publish-opportunity": Row(
        starting("draft", model=Opportunity), **transition("publish", "published")
    ),
    "withdraw-opportunity": Row(
        starting("published", model=Opportunity),
        **transition("withdraw", "withdrawn"),
    ),
    # Bulk import: the page is for everyone signed in; each row is checked as above.
    "open-import-page": Row(
        setup=lambda cell: None,
        web=lambda cell: cell.client.get("/import/"),
        api=None,
        ok_status=200,
    ),
    "import-offers-of-an-organization": Row(
        setup=lambda cell: None,
        web=import_offers,
        api=None,
        done=lambda cell: Offer.objects.filter(title=TITLE).exists(),
        refused_status=422,
    ),
}

TABLE = """
                                     focal_point coordinator member provider outsider secretariat anonymous
create-request-for-its-organization  ok          no          ok     form     no       ok          login
create-request-without-organization  ok          no          form   form     no       ok          login
edit-draft-request                   ok          ok          ok     404      404      ok          login
edit-published-request               no          ok          no     no       no       ok          login
edit-closed-request                  no          no          no     no       no       no          login
submit-request                       ok          no          ok     404      404      ok          login
endorse-request                      ok          no          no     404      404      ok          login
send-back-request                    ok          no          no     404      404      ok          login
decline-request                      ok          no          no     404      404      ok          login
publish-request                      no          ok          no     404      404      ok          login
clarify-request                      no          ok          no     404      404      ok          login
reject-request                       no          ok          no     404      404      ok          login
withdraw-request                     ok          no          ok     no       no       ok          login
close-request                        ok          ok          ok     no       no       ok          login
endorse-request-of-another-country   404         404         404    no       404      ok          login
send-back-request-of-another-country 404         404         404    no       404      ok          login
decline-request-of-another-country   404         404         404    no       404      ok          login
publish-request-of-another-region    404         404         404    no       404      ok          login
view-draft-request                   ok          ok          ok     404      404      ok          404
create-offer                         form        no          form   ok       no       ok          login
edit-offer                           no          no          no     ok       no       ok          login
publish-offer                        404         404         404    ok       404      ok          login
pause-offer                          no          no          no     ok       no       ok          login
resume-offer                         no          no          no     ok       no       ok          login
renew-offer                          no          no          no     ok       no       ok          login
withdraw-offer                       no          no          no     ok       no       ok          login
view-draft-offer                     404         404         404    ok       404      ok          404
create-opportunity                   no          no          form   ok       no       ok          login
publish-opportunity                  404         404         404    ok       404      ok          login
withdraw-opportunity                 no          no          no     ok       no       ok          login
open-import-page                     ok          ok          ok     ok       ok       ok          login
import-offers-of-an-organization     no          no          no     ok       no       ok          login
"""
test_web, test_api = matrix_tests(TABLE, ROWS)


# Rights end with the membership or role that gave them ---------------------------


def leave(people, persona: str) -> None:
    """Take away the role or membership that gave the persona its rights."""
    if persona == "focal_point":
        role = RoleAssignment.objects.get(user=people.focal_point)
        directory_services.role_revoke(assignment=role, by=people.secretariat)
        return
    organization = people.ngo if persona == "member" else people.university
    directory_services.membership_add(
        organization=organization,
        user=make_user("successor"),
        by=people.secretariat,
        is_admin=True,
    )
    directory_services.membership_remove(
        membership=Membership.objects.get(
            user=getattr(people, persona), organization=organization
        ),
        by=people.secretariat,
    )


def country_draft(cell: Cell) -> Request:
    """A request the focal point drafted for its country, without an organization."""
    return request_create(
        by=cell.people.focal_point,
        country=cell.people.malawi,
        title="Barcoding of freshwater fish",
        challenge="Cichlid species cannot be told apart in surveys.",
    )


FORMER_ROWS = {
    **ROWS,
    "edit-country-draft": Row(country_draft, **edit(REQUEST_EDIT_FORM)),
}


@pytest.mark.parametrize("channel", ["web", "api"])
@pytest.mark.parametrize(
    ("persona", "action", "outcome"),
    [
        ("member", "edit-draft-request", "404"),
        ("member", "submit-request", "404"),
        ("member", "withdraw-request", "no"),
        ("focal_point", "edit-country-draft", "404"),
        ("focal_point", "endorse-request", "404"),
        ("provider", "publish-offer", "404"),
        ("provider", "edit-offer", "no"),
        ("provider", "withdraw-opportunity", "no"),
    ],
)
def test_who_loses_a_membership_or_role_loses_what_they_wrote(
    people, channel, persona, action, outcome
):
    row = FORMER_ROWS[action]
    cell = start(people, persona, row, api=channel == "api")
    leave(people, persona)
    check = check_web if channel == "web" else check_api
    check(row, cell, outcome)


def test_my_work_lists_what_the_user_may_still_open(people):
    country_offer = listing_create(
        Offer,
        by=people.focal_point,
        organization=None,
        country=people.malawi,
        title="Study tour of Lake Malawi park",
        **LISTING_FIELDS[Offer],
    )
    ngo_request = request_in(people, "draft")
    client = CLIENT
    client.cookies = SimpleCookie()
    client.force_login(people.focal_point)
    page = client.get(reverse("exchange:me")).content.decode()
    assert country_offer.title in page and ngo_request.title in page
    leave(people, "member")
    client.force_login(people.member)
    page = client.get(reverse("exchange:me")).content.decode()
    assert ngo_request.title not in page
    assert client.get(ngo_request.get_absolute_url()).status_code == 404
