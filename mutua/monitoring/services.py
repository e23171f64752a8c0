"""Writes of monitoring: the Theory of Change, kept by the secretariat."""

import json
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from . import access
from .models import ChangeStep

SHIPPED = Path(__file__).parent / "data" / "theory_of_change.json"


def load_theory_of_change() -> int:
    """Load the panel of experts' Theory of Change, unless one is already kept;
    then give the shipped steps kept as shipped their text in every language."""
    steps = json.loads(SHIPPED.read_text())["steps"]
    if ChangeStep.objects.exists():
        for s in steps:
            ChangeStep.objects.filter(text=s["text"], texts={}).update(texts=s["texts"])
        return 0
    ChangeStep.objects.bulk_create(
        ChangeStep(level=s["level"], text=s["text"], texts=s["texts"], position=n)
        for n, s in enumerate(steps)
    )
    return len(steps)


@transaction.atomic
def step_save(*, by: User, step: ChangeStep | None = None, **fields) -> ChangeStep:
    access.refuse_unless_theory_editor(by)
    step = step or ChangeStep()
    if step.pk and "text" in fields:
        # Read as stored: a form may have set the new text on the step already.
        kept = ChangeStep.objects.values_list("text", flat=True).get(pk=step.pk)
        if fields["text"] != kept:
            step.texts = {}  # the translations said what the old text said
    for name, value in fields.items():
        setattr(step, name, value)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def step_delete(*, by: User, step: ChangeStep) -> None:
    access.refuse_unless_theory_editor(by)
    step.delete()
