"""The panel of a call: its members, their declarations and their scores."""

from django.conf import settings
from django.db import models

from mutua.core.models import actor

from .applications import Application
from .calls import Call
from .calls import Criterion


class PanelMember(models.Model):
    """An advisory-group member invited to assess a call's applications (¶47 a iii)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panels"
    )
    invited_by = actor()
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="one_seat_per_panel")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.call}"


class Declaration(models.Model):
    """A panel member's word, per application, on a conflict of interest: given
    before it may open the application; with a conflict, it never scores it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declarations"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    conflict = models.BooleanField()
    note = models.TextField(max_length=2000, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="one_declaration_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor}: {'conflict' if self.conflict else 'none'}"


class ScoreSheet(models.Model):
    """One assessor's scores of one application; others' stay hidden from it
    until it has submitted its own."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="sheets"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="one_sheet_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} on {self.application}"


class Score(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()
    comment = models.TextField(max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
