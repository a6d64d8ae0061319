"""The limited markup of the legal texts: Markdown in, safe HTML out.

markdown-it-py (CommonMark, maintained by the Executable Books project) renders with raw HTML
switched off, so a ``<script>`` typed into the form stays text. nh3 (the Python binding of the
Rust sanitiser ammonia) then keeps only an allow-list of tags, attributes and link schemes:
two independent layers, so a parser quirk alone never puts markup on a public page. Headings
start at ``<h2>``, because the page's own title is its only ``<h1>``.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "hr",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
LINK_SCHEMES = {"https", "http", "mailto", "tel"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str) -> SafeString:
    """``text`` (Markdown) as HTML that is safe to put into a page."""
    tokens = _markdown.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # "# Title" becomes <h2>: one level below the page's title, at most <h4>.
            token.tag = f"h{min(int(token.tag[1]) + 1, 4)}"
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # Safe: nh3 kept only the allow-listed tags, attributes and link schemes above.
    return mark_safe(cleaned)
