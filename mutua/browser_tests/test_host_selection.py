"""The whole selection of a host in a real browser at a phone's width (¶47):
an application, a question and its published answer, the panel's declarations
and scores, the shortlist and its report as a PDF, the selection, the host's
acceptance and the signed agreement; axe-core finds no serious violation on any
of the pages on the way."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutua.calls.models import Call
from mutua.calls.models import Selection
from mutua.testing.browser import Journey
from mutua.testing.browser import report
from mutua.testing.browser import sign_in
from mutua.testing.calls import PDF_BYTES
from mutua.testing.calls import open_call
from mutua.testing.calls import past_closing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROPOSAL = {"name": "proposal.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}


def test_a_host_is_selected_from_application_to_signed_agreement(
    new_page, live_server, people
):
    call = open_call(people)
    journey = Journey(live_server)
    staff, member, assessor, other = (new_page() for _ in range(4))
    for page, user in (
        (staff, people.secretariat),
        (member, people.member),
        (assessor, people.provider),
        (other, people.outsider),
    ):
        sign_in(page, live_server, user)

    # The NGO applies, attaches its proposal and submits.
    journey.go(member, call.get_absolute_url())
    member.get_by_role("link", name="Apply to this call").click()
    member.get_by_label("Organization").select_option(label="Lilongwe Wetlands Trust")
    member.get_by_label("Title").fill("Lilongwe Wetlands Trust as host")
    member.get_by_label("Expression of interest").fill("We coordinate wetland work.")
    for criterion in call.criteria.all():
        member.get_by_label(criterion.name).fill(f"How we meet it: {criterion.name}.")
    member.get_by_role("button", name="Save").click()
    member.get_by_label("Document").set_input_files(files=[PROPOSAL])
    member.get_by_role("button", name="Attach").click()
    journey.confirm(member, "Submit")
    expect(member.get_by_role("status")).to_contain_text("submitted")
    application_url = member.url

    # A question, answered and published for every applicant.
    journey.go(assessor, call.get_absolute_url())
    assessor.get_by_label("Your question").fill("May a consortium apply?")
    assessor.get_by_role("button", name="Ask").click()
    journey.go(staff, call.get_absolute_url())
    staff.get_by_role("link", name="May a consortium apply?").click()
    journey.check(staff)
    staff.get_by_label("Answer").fill("Yes, led by one member.")
    staff.get_by_role("button", name="Publish the answer").click()
    journey.go(member, call.get_absolute_url())
    member.get_by_text("May a consortium apply?").click()
    expect(member.get_by_text("Yes, led by one member.")).to_be_visible()

    # The call closes; its panel declares and scores.
    past_closing(call)
    journey.go(staff, call.get_absolute_url())
    journey.confirm(staff, "Close")
    journey.confirm(staff, "Start the assessment")
    staff.get_by_role("link", name="Panel and assessment").click()
    for name in ("provider", "outsider"):
        staff.get_by_label("User name or e-mail address").fill(name)
        staff.get_by_role("button", name="Invite").click()
    journey.check(staff)

    journey.go(other, "/assess/")
    other.get_by_role("link", name="Declare your interests").click()
    journey.check(other)
    other.get_by_label("I have a conflict of interest with this application").check()
    other.get_by_label("What the conflict is").fill("I advise the trust's board.")
    other.get_by_role("button", name="Declare").click()
    expect(other.get_by_text("not yours to score")).to_be_visible()

    journey.go(assessor, "/assess/")
    assessor.get_by_role("link", name="Declare your interests").click()
    assessor.get_by_label(
        "I have no conflict of interest with this application"
    ).check()
    assessor.get_by_role("button", name="Declare").click()
    journey.check(assessor)
    for n, criterion in enumerate(call.criteria.all(), 1):
        assessor.get_by_label(f"{criterion.name}: score from 0 to 10").fill(str(6 + n))
        assessor.get_by_label(f"Comment on {criterion.name}").fill(f"Strong, {n}.")
    assessor.get_by_role("button", name="Submit your scores").click()
    expect(
        assessor.get_by_role("heading", name="Every assessor's scores")
    ).to_be_visible()

    # The shortlist, its report as a PDF, the selection.
    journey.go(staff, f"/calls/{call.uuid}/panel/")
    journey.confirm(staff, "Close the assessment")
    journey.go(staff, call.get_absolute_url())
    journey.confirm(staff, "Publish the shortlist")
    staff.get_by_role(
        "link", name="The assessment report: how each criterion was applied"
    ).click()
    journey.check(staff)
    expect(staff.get_by_text("Strong, 1.")).to_be_attached()
    pdf = staff.request.get(f"{live_server.url}/calls/{call.uuid}/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    journey.go(staff, call.get_absolute_url())
    staff.get_by_role("link", name="Select Lilongwe Wetlands Trust").click()
    journey.check(staff)
    staff.get_by_label("Justification").fill("The strongest networks of the subregion.")
    staff.get_by_role("button", name="Select").click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text("selected")
    journey.check(staff)
    selection_url = staff.url

    # The host accepts; the agreement is signed and kept.
    journey.go(member, selection_url.removeprefix(live_server.url))
    journey.confirm(member, "Accept")
    expect(member.get_by_role("status")).to_contain_text("Accepted")
    journey.go(staff, selection_url.removeprefix(live_server.url))
    staff.get_by_role("link", name="Record the signed agreement").click()
    journey.check(staff)
    staff.get_by_label("Signed on").fill(timezone.localdate().isoformat())
    staff.get_by_label("The signed agreement").set_input_files(
        files=[PROPOSAL | {"name": "host-agreement.pdf"}]
    )
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_text("Host agreement signed").first).to_be_visible()
    assert Selection.objects.get().status == Selection.Status.SIGNED
    assert Call.objects.get().status == Call.Status.SELECTED
    journey.go(member, application_url.removeprefix(live_server.url))
    assert not any(blocking for blocking, _ in journey.problems), report(
        journey.problems
    )
