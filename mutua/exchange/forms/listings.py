"""The forms of listings (offers and opportunities), and their renewal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mutua.core.currencies import CurrencyField
from mutua.directory.access import Actor
from mutua.directory.models import ELIGIBILITY_CHOICES
from mutua.directory.models import Region

from .. import access
from ..models import Beneficiary
from ..models import Offer
from ..models import Opportunity
from ..selectors import listing_organizations
from ..selectors import offer_countries
from .shared import RECORD_LABELS
from .shared import ExchangeForm
from .shared import choices_field
from .shared import date_input
from .shared import formfield_for
from .shared import section_fields
from .shared import targets_field

OFFER_SECTIONS = [
    (_("Who offers"), "organization country contact_name contact_email".split()),
    (_("The offer"), "title description track_record funding".split()),
    (_("Scope"), "targets modalities resources languages".split()),
    (
        _("Who it serves"),
        "serves_everywhere serves_regions serves_countries serves_as eligibility capacity covers_operational_costs".split(),
    ),
    (_("Validity"), "valid_from valid_until".split()),
]


def _eligibility_field(help_text: str) -> forms.MultipleChoiceField:
    """The country groups a listing is only for."""
    return choices_field(ELIGIBILITY_CHOICES, _("Only for"), help_text)


class ListingForm(ExchangeForm):
    """What the forms of offers and opportunities share: the providing
    organization is one of the user's, and is kept once the listing is drafted."""

    targets = targets_field()

    def __init__(self, *args, user: Actor, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = listing_organizations(user)


class OfferForm(ListingForm):
    sections = OFFER_SECTIONS
    eligibility = _eligibility_field(
        _("Leave all unticked if the offer is open to every country.")
    )

    class Meta:
        model = Offer
        formfield_callback = formfield_for
        fields = section_fields(OFFER_SECTIONS)
        labels = {
            **RECORD_LABELS,
            "description": _("How your expertise can help"),
            "track_record": _("Cooperation track record"),
            "funding": _("Funding the offer brings"),
            "resources": _("Resource types offered"),
            "serves_everywhere": _("Serves every region"),
            "serves_regions": _("Regions served"),
            "serves_countries": _("Countries served"),
            "serves_as": _("The regions and countries served are"),
            "capacity": _("Engagements at once"),
            "covers_operational_costs": _(
                "Covers operational costs (travel, accommodation)"
            ),
            "valid_from": _("Valid from"),
            "valid_until": _("Valid until"),
            "organization": _("Organization"),
            "country": _("Country"),
        }
        help_texts = {
            "country": _(
                "Leave empty to use the organization's country; a focal point "
                "offering on behalf of a country names it here."
            ),
            "serves_regions": _("Used when the offer does not serve every region."),
            "serves_as": _(
                "A limit: requests from elsewhere are never suggested. A "
                "preference: they are, ranked below those from where you serve."
            ),
        }

    def __init__(self, *args, user: Actor, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["serves_regions"].queryset = Region.objects.exclude(
            level=Region.Level.INTERMEDIATE
        )
        if self.instance.pk:
            del self.fields["country"]
            return
        self.fields["country"].queryset = offer_countries(user)
        self.fields["country"].required = False

    def clean(self):
        data = super().clean()
        if (
            self.instance.pk
            or self.has_error("organization")
            or self.has_error("country")
        ):
            return data
        organization, country = data.get("organization"), data.get("country")
        if organization is None and country is None:
            self.add_error(
                "organization",
                _("Choose your organization, or the country you offer for."),
            )
        elif organization and country and organization.country_id != country.pk:
            self.add_error("country", _("The country must be the organization's."))
        elif not access.may_create_listing(
            self.user,
            country=country or organization.country,
            organization=organization,
        ):
            self.add_error("organization", _("Choose one of your organizations."))
        return data


OPPORTUNITY_SECTIONS = [
    (_("Who funds"), "organization contact_name contact_email".split()),
    (
        _("The opportunity"),
        "title description how_to_apply url amount currency".split(),
    ),
    (_("Who may apply"), "eligibility eligibility_detail beneficiaries".split()),
    (_("Scope"), "targets modalities languages".split()),
    (_("Dates"), "deadline start_date end_date".split()),
]


class OpportunityForm(ListingForm):
    sections = OPPORTUNITY_SECTIONS
    eligibility = _eligibility_field(
        _("Leave all unticked if every country may apply.")
    )
    beneficiaries = choices_field(Beneficiary.choices, _("Beneficiaries"))
    currency = CurrencyField(label=_("Currency"), required=False)

    class Meta:
        model = Opportunity
        formfield_callback = formfield_for
        fields = section_fields(OPPORTUNITY_SECTIONS)
        labels = {
            **RECORD_LABELS,
            "organization": _("Funding organization"),
            "how_to_apply": _("How to apply"),
            "url": _("Web page of the call"),
            "amount": _("Amount"),
            "eligibility_detail": _("More about eligibility"),
            "deadline": _("Deadline"),
            "start_date": _("Start"),
            "end_date": _("End"),
            "description": _("Description"),
        }


class RenewForm(forms.Form):
    valid_until = forms.DateField(label=_("New end of validity"), widget=date_input())
