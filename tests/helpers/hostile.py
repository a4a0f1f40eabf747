"""Hostile values, and how the two readers of planops output read them: the Actions runner and Markdown.

``commands(text)`` finds the workflow commands in output the way the GitHub
Actions runner does (``ActionCommand.TryParseV2`` for ``::name props::data``
after leading whitespace, ``TryParse`` for ``##[name props]data`` anywhere in a
line); lines are split more widely than the runner does, so the test errs on the
safe side. ``rendered(markdown)`` renders Markdown with Python-Markdown (the
library mkdocs uses, with the handbook's extensions and more) and with
markdown-it (CommonMark with GFM tables and strikethrough, as GitHub reads a
comment), and gives each renderer's elements and text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from markdown_it import MarkdownIt

# (id, value): every class of character or syntax that could forge output
HOSTILE: list[tuple[str, str]] = [
    ("newline-annotation", "ghost\n::error file=README.md,line=1::forged"),
    ("crlf", "a\r\nb"),
    ("cr", "over\rwrite"),
    ("ansi-csi", "\x1b[31mred\x1b[0m"),
    ("ansi-osc-link", "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07"),
    ("ansi-clear-screen", "\x1b[2J\x1b[H"),
    ("c1-csi", "\x9b31mred"),
    ("bidi-override", "admin\u202egnp.exe"),
    ("bidi-all", "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]) + "x"),
    ("nul", "a\x00b"),
    ("del-bell-backspace", "a\x7f\x07\x08b"),
    ("line-separator", "a\u2028b"),
    ("paragraph-separator", "a\u2029b"),
    ("next-line", "a\x85b"),
    ("vertical-tab-form-feed", "a\x0b\x0cb"),
    ("zero-width", "ad\u200bmin\u200d\ufeff"),
    ("tag-characters", "x\U000e0041\U000e007f"),
    ("lone-surrogate", "x\ud800y"),
    ("nbsp", "a\xa0b"),
    ("workflow-command", "::error file=x.yaml,line=1::boom"),
    ("indented-command", "   ::warning::indented"),
    ("legacy-command", "x ##[error]legacy"),
    ("stop-commands", "##[stop-commands]token"),
    ("add-mask", "::add-mask::secret"),
    ("already-encoded", "%0A::error::x%0D%25"),
    ("html-img", "x <img src=x onerror=alert(1)>\n## FAKE"),
    ("html-script", "<script>alert(1)</script>"),
    ("html-comment", "<!-- the rest is hidden"),
    ("html-close", "</details></summary><h1>x</h1>"),
    ("entities", "&lt;img&gt; &#60;b&#62; &amp;"),
    ("atx-heading", "# FAKE"),
    ("atx-heading-no-space", "#FAKE"),
    ("setext-heading", "FAKE\n==="),
    ("rule", "---"),
    ("setext-equals", "==="),
    ("quote", "> quoted"),
    ("bullets", "- item"),
    ("plus-star", "+ a * b"),
    ("ordered", "1. item"),
    ("ordered-paren", "2) item"),
    ("indented-code", "    code"),
    ("fence", "```js\nalert(1)\n```"),
    ("tilde-fence", "~~~"),
    ("table-row", "| a | b |"),
    ("definition", ": definition"),
    ("admonition", "!!! danger"),
    ("footnote", "[^1]: note"),
    ("abbreviation", "*[HTML]: Hyper"),
    ("reference-definition", "[r]: http://tracker.example"),
    ("emphasis", "*bold* _it_ **x** __y__ ~~strike~~ ==mark=="),
    ("intraword", "a_b_c first_response"),
    ("link-javascript", "[click](javascript:alert(1))"),
    ("image-tracker", "![](http://tracker.example/p.gif)"),
    ("link-spaced", "[x] (http://evil.example)"),
    ("link-reference", "[x][r] [y] [r]"),
    ("autolink", "<http://evil.example>"),
    ("wikilink", "[[Page]]"),
    ("attr-list", "x {: onclick=alert(1) }"),
    ("pipes", "a|b || c \\| d"),
    ("backticks", "`code` and ``x`` a`b"),
    ("backslashes", "C:\\plan\\ x\\"),
    ("mentions", "@octocat @org/team mail@example.com"),
    ("references", "#123 org/repo#7"),
    ("unicode", "Zürich → 日本 🎉"),
    ("leading-space", " x"),
]


@dataclass(frozen=True)
class Command:
    name: str
    properties: dict[str, str]
    data: str


# the runner's command extensions, and stop-commands
REGISTERED = frozenset(
    {
        "set-env",
        "set-output",
        "save-state",
        "add-mask",
        "add-path",
        "add-matcher",
        "remove-matcher",
        "debug",
        "warning",
        "error",
        "notice",
        "group",
        "endgroup",
        "echo",
        "stop-commands",
    }
)


def _unescape(value: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for token, replacement in pairs:
        value = value.replace(replacement, token)
    return value


_PROPERTY = (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25"))
_DATA = (("\r", "%0D"), ("\n", "%0A"), ("%", "%25"))
_LEGACY = ((";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D"), ("%", "%25"))


def _v2(line: str) -> Command | None:
    message = line.lstrip()
    end = message.find("::", 2) if message.startswith("::") else -1
    if end < 0:
        return None
    info = message[2:end]
    name, _, props = info.partition(" ")
    if name not in REGISTERED:
        return None
    properties = {}
    for prop in (p for p in props.strip().split(",") if p):
        key, eq, value = prop.partition("=")
        if eq and key and value:
            properties[key] = _unescape(value, _PROPERTY)
    return Command(name, properties, _unescape(message[end + 2 :], _DATA))


def _v1(line: str) -> Command | None:
    start = line.find("##[")
    end = line.find("]", start) if start >= 0 else -1
    if end < 0:
        return None
    name, _, props = line[start + 3 : end].partition(" ")
    if name not in REGISTERED:
        return None
    properties = dict(p.partition("=")[::2] for p in props.split(";") if "=" in p)
    return Command(name, properties, _unescape(line[end + 1 :], _LEGACY))


def commands(output: str) -> list[Command]:
    """Every workflow command the Actions runner would act on in ``output``."""
    found = []
    for line in output.splitlines():
        command = _v2(line) or _v1(line)
        if command is not None:
            found.append(command)
    return found


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.by_tag: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._open.append(tag)
        self.by_tag.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag in set(self._open):
            self.by_tag[tag][-1] += data

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


@dataclass(frozen=True)
class Rendered:
    html: str
    tags: list[str]  # every element, in document order ("!--" for a comment)
    text: str  # all text, with the zero-width spaces planops adds to break mentions removed
    by_tag: dict[str, list[str]]  # tag -> the text of each such element


PYTHON_MARKDOWN_EXTENSIONS = [
    "tables",
    "admonition",
    "attr_list",
    "md_in_html",
    "footnotes",
    "def_list",
    "abbr",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tilde",
    "pymdownx.mark",
]
_GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def rendered(text: str) -> dict[str, Rendered]:
    """``text`` as HTML by Python-Markdown and by markdown-it (CommonMark + GFM tables), read back."""
    pages = {
        "python-markdown": markdown.markdown(text, extensions=PYTHON_MARKDOWN_EXTENSIONS),
        "commonmark": _GFM.render(text),
    }
    result = {}
    for name, html in pages.items():
        reader = _Reader()
        reader.feed(html)
        reader.close()
        by_tag = {tag: [t.replace("\u200b", "") for t in texts] for tag, texts in reader.by_tag.items()}
        result[name] = Rendered(html, reader.tags, "".join(reader.text).replace("\u200b", ""), by_tag)
    return result
