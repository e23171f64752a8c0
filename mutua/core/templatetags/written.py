"""`{{ text|markdown }}`: a text a user wrote, shown through `core.markdown`."""

from django import template
from django.utils.safestring import mark_safe

from mutua.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 — sanitized by nh3
