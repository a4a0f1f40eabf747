"""Safe text for handbook pages: everything that comes from plan files passes here.

Plan text arrives in pull requests, so it is never trusted as Markdown that the
page's own Markdown pass would interpret:

* plain strings (titles, names, statements) become inert inline Markdown —
  HTML-escaped, and every character Markdown or its extensions give meaning to
  written as a numeric entity, so ``*``, ``[x](javascript:…)`` or ``|`` stay text;
* Markdown fields (descriptions, vision) are rendered here to HTML with a
  private Markdown instance, cleaned by nh3 (no scripts, no event handlers, no
  ``javascript:`` links), and handed to the page as a raw HTML block or inline
  HTML the page's Markdown pass leaves alone.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta
from functools import lru_cache
from typing import Any

import markdown  # type: ignore[import-untyped, unused-ignore]
import nh3

from planops.model.types import format_duration

# Characters that start syntax in the page's Markdown (core, tables, attr_list) or HTML. Only
# these are written as entities: each entity costs the Markdown pass a pattern match, and
# ``(``, ``:`` or ``!`` mean nothing once ``[`` and ``<`` cannot open a link or a tag.
_SPECIAL = re.compile(r"[\\`*_{}\[\]#|<>&]")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
RAW_OPEN, RAW_CLOSE = "<planops-raw>", "</planops-raw>"
_RAW = re.compile(re.escape(RAW_OPEN) + "(.*?)" + re.escape(RAW_CLOSE), re.S)
_TOKEN_P = re.compile(r"<p>(planops[0-9a-f]+raw\d+)</p>")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
INLINE_TAGS = {"a", "abbr", "b", "br", "code", "del", "em", "i", "kbd", "s", "strong", "sub", "sup"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def text(value: object) -> str:
    """A plain string as inert inline Markdown: shown exactly as written."""
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(str(value).split()))


LABEL_CHARS = 100


def short(value: object) -> str:
    """Plain text of at most :data:`LABEL_CHARS` characters: a plan object's title where the handbook refers
    to it (links, navigation). The object's own page shows it whole; repeated whole at every reference
    (the navigation is on every page), a long title would multiply the site's size."""
    words = " ".join(str(value).split())
    return words if len(words) <= LABEL_CHARS else words[: LABEL_CHARS - 1].rstrip() + "…"


def label(value: object) -> str:
    """:func:`short` as inert inline Markdown, for links to plan objects."""
    return text(short(value))


def code(value: object) -> str:
    """Inline code (a CEL expression, a name) that survives tables and emphasis."""
    return f"<code>{text(value)}</code>"


def anchored(name: str, anchor: str) -> str:
    """A plan name as code carrying an anchor, e.g. in a table row."""
    return f'<code id="{attr(anchor)}">{text(name)}</code>'


def strong(inner: str) -> str:
    """Bold around safe inline HTML (works in table cells, which are HTML)."""
    return f"<strong>{inner}</strong>"


def em(inner: str) -> str:
    return f"<em>{inner}</em>"


def attr(value: object) -> str:
    """A value for an HTML attribute written by the handbook itself."""
    return html.escape(str(value), quote=True)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")


@lru_cache(maxsize=8192)
def _clean_html(source: str, inline: bool = False) -> str:
    md = _markdown()
    md.reset()
    rendered = md.convert(source)
    if inline:
        rendered = re.sub(r"</p>\s*<p>", "<br><br>", rendered)
    return nh3.clean(
        rendered,
        tags=INLINE_TAGS if inline else ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


PAGE_TAGS = ALLOWED_TAGS | {
    "article",
    "aside",
    "caption",
    "cite",
    "col",
    "colgroup",
    "details",
    "div",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "img",
    "input",
    "ins",
    "label",
    "mark",
    "nav",
    "q",
    "section",
    "small",
    "summary",
    "time",
    "u",
}
PAGE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    "ol": {"start"},
    "details": {"open"},
    "td": {"align", "style", "colspan", "rowspan"},
    "th": {"align", "style", "colspan", "rowspan"},
    "div": {"data-tabs"},
}


def sanitize_page(rendered: str) -> str:
    """A hand-written page's HTML with scripts, handlers and unsafe links removed, theme markup kept."""
    return str(
        nh3.clean(
            rendered,
            tags=PAGE_TAGS,
            attributes=PAGE_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
            filter_style_properties={"text-align"},
        )
    )


def block(source: str | None, css: str = "planops-text") -> str:
    """Markdown from the plan as a sanitized raw HTML block (empty when there is none).

    Only for the top level of a page: Python-Markdown finds raw HTML blocks
    there, not inside admonitions or tabs (use :func:`inline` in those).
    """
    if not source or not source.strip():
        return ""
    return f'<div class="{css}">\n{_defuse(_clean_html(source))}\n</div>'


def inline(source: str | None) -> str:
    """Markdown from the plan as one line of sanitized inline HTML (for table cells)."""
    if not source or not source.strip():
        return ""
    return _defuse(" ".join(_clean_html(source, inline=True).split()))


def _defuse(cleaned: str) -> str:
    # nh3 has HTML-escaped the text; Markdown's own syntax in it is left to defuse,
    # in case the page's Markdown pass reads this HTML as inline content.
    parts = _TAG_OR_TEXT.split(cleaned)
    return "".join(p if p.startswith("<") else _inert(p) for p in parts)


def _inert(fragment: str) -> str:
    # Already HTML-escaped by nh3: only Markdown's own syntax is left to defuse.
    return re.sub(r"[\\`*_{}\[\]#|~^]", lambda m: f"&#{ord(m.group())};", fragment)


def heading(level: int, title: object, anchor: str | None = None) -> str:
    """A heading with inert text and, optionally, a stable anchor."""
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {text(title)}{suffix}"


def words(value: object) -> str:
    """A value as a reader says it: booleans as yes/no, lists as their items; inert inline Markdown."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(words(v) for v in value) or "none"
    return text(value)


def duration(value: timedelta, business: bool = True) -> str:
    """A duration as written (``1h30m``), with its words for readers and twins (``1 business hour 30 minutes``)."""
    return f'<abbr title="{attr(duration_words(value, business))}">{format_duration(value)}</abbr>'


def duration_words(value: timedelta, business: bool = True) -> str:
    """``4 business hours``, ``30 business minutes``, ``1 business hour 30 minutes``; without business: hours."""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(hours, "hour"), (minutes, "minute"), (seconds, "second")]
    said = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    if not said:
        return "no time"
    if business:
        said[0] = said[0].replace(" ", " business ", 1)
    return " ".join(said)


def item_list(items: list[str]) -> str:
    """Safe inline HTML items as a list that fits a table cell (one item stays plain)."""
    if len(items) <= 1:
        return items[0] if items else ""
    return '<ul class="planops-list">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def bullets(items: list[str]) -> str:
    """Safe inline Markdown items as a Markdown list (a block of the page)."""
    return "\n".join(f"- {i}" for i in items)


def table(
    header: list[str],
    rows: list[list[str]],
    align: list[str] | None = None,
    *,
    caption: str | None = None,
    heading: tuple[int, str] | None = None,
) -> str:
    """A table whose cells are safe inline HTML, kept out of the Markdown pass (see :func:`extract_raw`).

    ``caption`` (safe inline HTML) labels the table for screen readers and the Markdown twin; ``heading``
    (level, safe inline HTML) goes before it, seen by the same readers only: a tab panel's own heading.
    """
    if not rows:
        return ""
    aligns = align or ["left"] * len(header)
    head = "".join(f'<th style="text-align: {a};">{h}</th>' for h, a in zip(header, aligns, strict=True))
    body = "\n".join(
        "<tr>"
        + "".join(f'<td style="text-align: {a};">{_cell(c)}</td>' for c, a in zip(row, aligns, strict=True))
        + "</tr>"
        for row in rows
    )
    label = f'<caption class="planops-sr-only">{caption}</caption>\n' if caption else ""
    above = f'<h{heading[0]} class="planops-sr-only">{heading[1]}</h{heading[0]}>\n' if heading else ""
    return (
        f"{RAW_OPEN}{above}<table>\n{label}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
        f"{RAW_CLOSE}"
    )


def _cell(content: str) -> str:
    return " ".join(content.split()) if content else "—"


def extract_raw(page: str, nonce: str) -> tuple[str, dict[str, str]]:
    """Replace every raw block (a table) with a token paragraph; return the page and the blocks by token.

    The handbook's large pages are mostly tables. Handed to Python-Markdown as
    Markdown tables, every cell is scanned for inline syntax; as raw HTML,
    every tag goes through its HTML parser. As a token, a table costs nothing,
    and the plugin puts the HTML back after the Markdown pass (which also lets
    tables sit inside content tabs). Plan text can never produce the markers:
    every ``<`` in it is escaped.
    """
    blocks: dict[str, str] = {}

    def token(match: re.Match[str]) -> str:
        key = f"planops{nonce}raw{len(blocks)}"
        blocks[key] = match.group(1)
        return key

    return _RAW.sub(token, page), blocks


def insert_raw(rendered: str, blocks: dict[str, str]) -> str:
    """The page's HTML with each token paragraph replaced by its block."""
    if not blocks:
        return rendered
    return _TOKEN_P.sub(lambda m: blocks.get(m.group(1), m.group(0)), rendered)


def admonition(kind: str, title: str | None, body: str) -> str:
    """A material admonition; ``body`` is safe Markdown."""
    head = f'!!! {kind} "{title}"' if title else f"!!! {kind}"
    return head + "\n\n" + indent(body)


def tabs(items: list[tuple[str, str]]) -> str:
    """pymdownx content tabs: (safe title, safe Markdown body) pairs."""
    return "\n\n".join(f'=== "{title}"\n\n{indent(body)}' for title, body in items)


def indent(body: str, by: int = 4) -> str:
    pad = " " * by
    return "\n".join(pad + line if line.strip() else "" for line in body.splitlines())


def code_block(source: str, lang: str = "") -> str:
    """A fenced code block long enough that the content cannot close it."""
    longest = max((len(m) for m in re.findall(r"`{3,}", source)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{lang}\n{source.rstrip()}\n{fence}"


def join(*parts: Any) -> str:
    """Blocks of Markdown separated by blank lines, empty ones dropped."""
    return "\n\n".join(str(p).strip("\n") for p in parts if p) + "\n"
