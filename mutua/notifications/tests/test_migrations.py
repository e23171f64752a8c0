"""Notifications written before a country's code was kept beside its name."""

from django.utils import translation

from mutua.notifications import texts
from mutua.notifications.models import Notification as Current
from mutua.testing.schema import MIGRATION_TEST
from mutua.testing.schema import migrate

pytestmark = MIGRATION_TEST
BEFORE = [("notifications", "0004_followed_offer")]
AFTER = [("notifications", "0005_country_codes_of_older_notifications")]
SAID = "The request “%(title)s” of %(country)s waits for review."


def test_an_older_notification_gets_its_countrys_code_and_reads_in_french(people):
    old = migrate(BEFORE)
    Notification = old.get_model("notifications", "Notification")

    def told(values):
        return Notification.objects.create(
            recipient_id=people.coordinator.pk,
            kind="review_waiting",
            key=f"review:{len(values)}:{values.get('country')}",
            sentence=SAID,
            values={"title": "Wetland survey"} | values,
            url="/",
            delivery="inbox",
        ).pk

    south_africa = told({"country": "South Africa"})
    unknown = told({"country": "Atlantis"})
    coded = told({"country": "Malawi", "country_iso3": "MWI"})
    without = told({})
    migrate(AFTER)

    values = dict(Current.objects.values_list("pk", "values"))
    assert values[south_africa]["country_iso3"] == "ZAF"
    assert "country_iso3" not in values[unknown]
    assert values[coded] == {
        "title": "Wetland survey",
        "country": "Malawi",
        "country_iso3": "MWI",
    }
    assert values[without] == {"title": "Wetland survey"}
    with translation.override("fr"):
        assert "Afrique du Sud" in texts.sentence(Current.objects.get(pk=south_africa))
