"""Markdown as safe HTML: formatting kept, every usual script payload
neutralized, links marked as user content."""

from html.parser import HTMLParser

import pytest

from mutua.core.markdown import render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<body onload=alert(1)>",
    '"><script>alert(1)</script>',
    "[a](vbscript:msgbox(1))",
    "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "`<script>alert(1)</script>`",
    "<details open ontoggle=alert(1)>",
]


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def elements(html: str) -> Elements:
    parsed = Elements()
    parsed.feed(html)
    return parsed


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_survives(payload):
    html = render_markdown(payload)
    found = elements(html)
    assert not found.tags & {"script", "img", "svg", "iframe", "style", "math"}, html
    for name, value in found.attributes:
        assert name in {"href", "rel", "title"}, html
        if name == "href":
            assert value.startswith(("https:", "http:", "mailto:")), html


def test_formatting_is_kept_and_links_are_user_content():
    html = render_markdown(
        "**Bold**, _soft_, `code`\n\n> quoted\n\n- one\n- two\n\n"
        "[the portal](https://chm.cbd.int)"
    )
    assert "<strong>Bold</strong>" in html and "<em>soft</em>" in html
    assert "<code>code</code>" in html and "<blockquote>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://chm.cbd.int" rel="nofollow ugc">the portal</a>' in html


def test_raw_html_is_shown_as_text_not_run():
    assert render_markdown("<b>hi</b>") == "<p>&lt;b&gt;hi&lt;/b&gt;</p>\n"
    assert render_markdown("") == ""
