"""A page's Markdown twin: the page's rendered content written back as plain, text-first Markdown.

Software agents and text readers fetch ``sla.md`` beside ``sla.html`` (or ``sla/index.html``). The twin is
made from the same HTML the page shows (after the plugin's own pass), read with the standard library's
HTML parser into a small tree and written out with only plain Markdown: headings without attribute
lists, paragraphs, lists, pipe tables each preceded by its caption (or, without one, the heading it sits
under), code, links to the other twins. What only a browser can use is left out: Mermaid source (each
diagram is followed by its transitions as a list on the page itself), form controls, tab labels (each
tab panel starts with its own heading), permalink anchors, scripts and images' pixels (their alt text
stays). Plan text stays text: every Markdown character in it is escaped, so no twin carries live HTML.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP_TAGS = {"script", "style", "svg", "input", "button", "template", "noscript", "form", "nav"}
_SKIP_CLASSES = {"headerlink", "tabbed-labels", "mermaid", "md-content__button", "md-source-file"}
_BLOCKS = {"p", "div", "section", "article", "figure", "figcaption", "details", "summary", "blockquote", "dl"}
_ESCAPE = re.compile(r"([\\`*\[\]<>])")
_LONE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _TreeBuilder(HTMLParser):
    """Rendered page HTML into a tree of :class:`Node`; stray end tags close up to their match, or nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (no emphasis, links or HTML)."""
    return _LONE_UNDERSCORE.sub(r"\\_", _ESCAPE.sub(r"\\\1", text))


class Writer:
    """Writes a tree as Markdown; ``link`` maps each href of the page to the twin's href."""

    def __init__(self, link: Callable[[str], str]) -> None:
        self.link = link
        self.heading = ""  # the last heading's text: a table without a caption is labeled with it

    def blocks(self, node: Node) -> list[str]:
        """The node's content as Markdown blocks (paragraphs, lists, tables, headings)."""
        out: list[str] = []
        inline: list[str] = []
        for child in node.children:
            if isinstance(child, str) or _is_inline(child):
                inline.append(self.inline_of(child))
                continue
            _flush(inline, out)
            out += self.block(child)
        _flush(inline, out)
        return out

    def block(self, node: Node) -> list[str]:
        tag = node.tag
        if _skipped(node):
            return []
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = _words(self.inline_of(node, plain=True))
            return [f"{'#' * int(tag[1])} {_words(self.inline_of(node))}"] if self.heading else []
        if tag in ("ul", "ol"):
            return [self.listing(node)]
        if tag == "table":
            return [self.table(node)]
        if tag == "pre":
            return [_fence(_text(node))]
        if tag == "hr":
            return ["---"]
        if tag == "blockquote":
            return ["\n".join("> " + line if line else ">" for line in "\n\n".join(self.blocks(node)).split("\n"))]
        if "admonition" in node.classes or tag == "details":
            return self.callout(node)
        if tag in ("p", "summary", "figcaption", "dt", "dd", "caption"):
            text = _lines(self.inline_of(node))
            return [f"**{text}**" if tag == "dt" else text] if text else []
        return self.blocks(node)

    def callout(self, node: Node) -> list[str]:
        """An admonition or details block: its title in bold, then its content."""
        kind = next((c for c in sorted(node.classes) if c not in ("admonition", "details")), "note")
        out: list[str] = []
        for child in node.children:
            if isinstance(child, Node) and ("admonition-title" in child.classes or child.tag == "summary"):
                out.append(f"**{kind.capitalize()}: {_words(self.inline_of(child))}**")
            elif isinstance(child, Node):
                out += self.block(child)
            elif child.strip():
                out.append(_words(escape(child)))
        return out

    def listing(self, node: Node, depth: int = 0) -> str:
        lines = []
        number = int(node.attrs.get("start") or 1) if node.tag == "ol" else 0
        for item in (c for c in node.children if isinstance(c, Node) and c.tag == "li"):
            marker = f"{number}." if node.tag == "ol" else "-"
            number += 1
            own = Node("li", children=[c for c in item.children if not (isinstance(c, Node) and c.tag in ("ul", "ol"))])
            text = " ".join(self.blocks(own)).replace("\n", " ")
            lines.append("    " * depth + f"{marker} {_words(text)}")
            for sub in (c for c in item.children if isinstance(c, Node) and c.tag in ("ul", "ol")):
                lines.append(self.listing(sub, depth + 1))
        return "\n".join(lines)

    def table(self, node: Node) -> str:
        rows = list(_descendants(node, "tr"))
        caption = next(_descendants(node, "caption"), None)
        label = _words(self.inline_of(caption)) if caption else escape(self.heading)
        cells = [[self.cell(c) for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")] for row in rows]
        cells = [row for row in cells if row]
        if not cells:
            return ""
        width = max(len(row) for row in cells)
        cells = [row + [""] * (width - len(row)) for row in cells]
        lines = [f"Table: {label}" if label else "Table:", ""]
        lines += ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
        return "\n".join(lines)

    def cell(self, node: Node) -> str:
        """A table cell on one line: a list inside it becomes its items separated by semicolons."""
        parts = []
        for child in node.children:
            if isinstance(child, Node) and child.tag in ("ul", "ol"):
                items = [c for c in child.children if isinstance(c, Node) and c.tag == "li"]
                parts.append("; ".join(_words(self.inline_of(i)) for i in items))
            else:
                parts.append(self.inline_of(child))
        return _words(" ".join(parts)).replace("|", "\\|") or "—"

    def inline_of(self, node: Node | str, plain: bool = False) -> str:
        """Inline Markdown of a node (``plain``: its text only)."""
        if isinstance(node, str):
            flat = node.replace("\n", " ")  # a newline in HTML text is a space; only <br> breaks a line
            return flat if plain else escape(flat)
        if _skipped(node):
            return ""
        inner = "".join(self.inline_of(c, plain) for c in node.children)
        if plain:
            return inner
        tag = node.tag
        if tag == "code":
            return _code(_text(node))
        if tag in ("strong", "b") and inner.strip():
            return f"**{inner.strip()}**"
        if tag in ("em", "i") and inner.strip():
            return f"*{inner.strip()}*"
        if tag == "a" and node.attrs.get("href") and inner.strip():
            return f"[{inner.strip()}]({self.link(node.attrs['href'])})"
        if tag == "img":
            return escape(node.attrs.get("alt", ""))
        if tag == "abbr" and node.attrs.get("title"):
            return escape(node.attrs["title"])
        if tag == "br":
            return "\n"
        if tag in ("p", "div", "li", "ul", "ol", "table", "tr"):
            return " " + inner + " "
        return inner


def _is_inline(node: Node) -> bool:
    return node.tag not in _BLOCKS | {"ul", "ol", "table", "pre", "hr", "dt", "dd", "caption"} and not re.fullmatch(
        r"h[1-6]", node.tag
    )


def _skipped(node: Node) -> bool:
    return node.tag in _SKIP_TAGS or bool(node.classes & _SKIP_CLASSES)


def _flush(inline: list[str], out: list[str]) -> None:
    text = "".join(inline)
    if text.strip():
        out.append(_lines(text))
    inline.clear()


def _lines(text: str) -> str:
    """Words on each line (a ``<br>`` ends a line), two spaces before each break, as Markdown wants it."""
    return "  \n".join(w for line in text.split("\n") if (w := _words(line)))


def _words(text: str) -> str:
    return " ".join(text.split())


def _text(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(c) for c in node.children)


def _descendants(node: Node, tag: str) -> Iterator[Node]:
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                yield child
            if child.tag != "table":
                yield from _descendants(child, tag)


def _code(text: str) -> str:
    text = " ".join(text.split())
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}" if text else ""


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}\n{text.rstrip()}\n{fence}"


def markdown(html: str, link: Callable[[str], str], title: str | None = None) -> str:
    """The twin of a page's content HTML; ``title`` heads a page that has no level-1 heading."""
    writer = Writer(link)
    blocks = [b for b in writer.blocks(parse(html)) if b.strip()]
    if title and not any(b.startswith("# ") for b in blocks[:1]):
        blocks.insert(0, f"# {escape(_words(title))}")
    return "\n\n".join(blocks) + "\n"


def twin_uri(src_uri: str) -> str:
    """Where a page's twin is written: its source path (``sla.md``, beside ``sla.html`` or ``sla/``)."""
    stem, _ = posixpath.splitext(src_uri)
    return stem + ".md"


def linker(page_url: str, twins: Mapping[str, str]) -> Callable[[str], str]:
    """Rewrites a page's hrefs for its twin: links to pages go to their twins, others stay where they point.

    ``twins`` maps each page's URL (``sla.html``, ``sla/``) to its twin's path; hrefs are relative to
    ``page_url`` and come out relative to the twin.
    """
    here = twin_uri_for(page_url, twins)
    base = posixpath.dirname(here)

    def link(href: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", href, re.I):
            return href
        path, hashmark, fragment = href.partition("#")
        folder = posixpath.dirname(page_url)
        page_dir = page_url if page_url.endswith("/") else (folder + "/" if folder else "")
        target = posixpath.normpath(posixpath.join(page_dir, path)) if path else page_url
        target = "" if target == "." else target
        key = target if target in twins else (target.rstrip("/") + "/")
        dest = twins.get(target) or twins.get(key) or target
        rel = posixpath.relpath(dest or ".", base or ".")
        return rel + (hashmark + fragment if hashmark else "")

    return link


def twin_uri_for(page_url: str, twins: Mapping[str, str]) -> str:
    return twins.get(page_url, "index.md")
