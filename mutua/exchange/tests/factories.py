"""Valid field sets for requests and offers, to be varied by each test."""

import datetime as dt

from django.utils import timezone

from mutua.directory.models import GbfTarget, Language, Modality, ResourceType


def request_fields(**overrides) -> dict:
    fields = {
        "title": "Barcoding of freshwater fish in Lake Malawi",
        "challenge": "Cichlid species are declining and cannot be told apart in surveys.",
        "barriers": "No DNA barcoding laboratory and no trained taxonomists.",
        "assistance_sought": "Training in DNA barcoding, to run national surveys.",
        "targets": GbfTarget.objects.filter(number__in=[4, 20]),
        "modalities": Modality.objects.filter(code="joint_training"),
        "resources": ResourceType.objects.filter(code="expertise"),
        "languages": Language.objects.filter(code="en"),
        "beneficiaries": ["iplc", "youth"],
    }
    fields.update(overrides)
    return fields


def offer_fields(**overrides) -> dict:
    fields = {
        "title": "DNA barcoding laboratory training",
        "description": "Two-week hands-on course on barcoding freshwater fauna.",
        "targets": GbfTarget.objects.filter(number__in=[4]),
        "modalities": Modality.objects.filter(code="joint_training"),
        "resources": ResourceType.objects.filter(
            code__in=["expertise", "technologies"]
        ),
        "languages": Language.objects.filter(code__in=["en", "fr"]),
        "eligibility": ["LDC"],
        "capacity": 2,
        "valid_until": timezone.localdate() + dt.timedelta(days=180),
    }
    fields.update(overrides)
    return fields
