"""What a partnership produces: technologies, publications and policies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .partnerships import Participant
from .partnerships import Partnership


class Result(models.Model):
    """What every result shares: its partnership and the day it came about."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="%(class)s_set"
    )
    title = models.CharField(max_length=200)
    dated = models.DateField(db_index=True)

    class Meta:
        abstract = True
        ordering = ["-dated", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        kind = self._meta.model_name
        return self.partnership.get_absolute_url() + f"#{kind}-{self.pk}"


class Technology(Result):
    """A technology co-created by the partners (the date it was first shown)."""

    description = models.TextField(blank=True, max_length=5000)
    co_creators = models.ManyToManyField(Participant, blank=True, related_name="+")
    local_indigenous_experts = models.PositiveIntegerField(
        default=0, help_text=_("How many local and indigenous experts took part.")
    )
    deployed = models.BooleanField(default=False)

    class Meta(Result.Meta):
        verbose_name_plural = "technologies"


class Publication(Result):
    """Joint research published by the partners."""

    url = models.URLField(blank=True)
    authors = models.ManyToManyField(Participant, blank=True, related_name="+")


class Policy(Result):
    """A policy developed or modified with the partnership's help."""

    class Level(models.TextChoices):
        LOCAL = "local", _("Local")
        SUBNATIONAL = "subnational", _("Subnational")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        INTERNATIONAL = "international", _("International")

    class Change(models.TextChoices):
        DEVELOPED = "developed", _("Developed")
        MODIFIED = "modified", _("Modified")

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Proposed to policymakers")
        ADOPTED = "adopted", _("Adopted")
        IMPLEMENTED = "implemented", _("Implemented")

    level = models.CharField(max_length=15, choices=Level.choices)
    change = models.CharField(max_length=10, choices=Change.choices)
    stage = models.CharField(max_length=12, choices=Stage.choices)

    class Meta(Result.Meta):
        verbose_name_plural = "policies"
