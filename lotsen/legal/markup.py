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
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    # The text's top level becomes <h2>, one below the page's title, whether the author wrote
    # "#" or "##" for it; deeper levels follow, at most <h4>. No level is skipped at the top.
    shift = 2 - min((int(t.tag[1]) for t in headings), default=2)
    for token in headings:
        token.tag = f"h{min(max(int(token.tag[1]) + shift, 2), 4)}"
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
