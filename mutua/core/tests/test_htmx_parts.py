"""htmx asks for the part of a page that changes; restoring a page it no longer
holds in its history asks for the whole page (`core.responses.render_page_or_partial`)."""

import pytest

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize(
    "path", ["/organizations/", "/countries/", "/requests/", "/offers/"]
)
def test_htmx_gets_the_part_and_a_history_restore_the_whole_page(client, path):
    whole = client.get(path).content.decode()
    part = client.get(path, headers=HTMX).content.decode()
    restored = client.get(
        path, headers={**HTMX, "HX-History-Restore-Request": "true"}
    ).content.decode()
    assert "<html" in whole and "<html" in restored
    assert "<html" not in part and part.strip()
