"""What users write, as safe HTML: the one way every written text is shown.

Markdown (CommonMark, with tables and strikethrough) becomes HTML through
markdown-it-py with raw HTML turned off; nh3 then keeps only the tags and
attributes a post may have, links only to http, https and mailto addresses,
each with `rel="nofollow ugc"`. A script, an event attribute, a `javascript:`
or `data:` link never reaches the page, whatever the text tries.
"""

import nh3
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)


def render_markdown(text: str) -> str:
    """The text's Markdown as HTML that is safe to show as it is."""
    return nh3.clean(
        _parser.render(text or ""),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="nofollow ugc",
    )
