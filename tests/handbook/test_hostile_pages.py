"""Hostile hand-written pages in the plan's pages folder, through a real ``mkdocs build --strict``.

Refused: files that would be published as they are (HTML, scripts, SVG, a .png
that is HTML), links that leave the folder or point to folders, front matter
that chooses templates or has a shape the theme breaks on. Escaped: every
string of front matter, file names, headings (see test_hostile_site_runs_no_script
for the same site in a browser).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from tests.handbook.conftest import SMALL, mkdocs
from tests.helpers.browser import Tab, chromium, serve

Setup = Callable[[Path], None]
PAGES = "plan/pages"
IMAGES = "'.png', '.jpg', '.jpeg', '.gif', '.webp'"


def put(name: str, content: str | bytes) -> Setup:
    def setup(pages: Path) -> None:
        path = pages / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return setup


def link(name: str, target: str) -> Setup:
    def setup(pages: Path) -> None:
        (pages / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, pages / name)

    return setup


def both(*setups: Setup) -> Setup:
    def setup(pages: Path) -> None:
        for each in setups:
            each(pages)

    return setup


q = json.dumps  # a YAML double-quoted string
NAMED = '"><img src=x onerror=alert(21)>.md'


def front(text: str) -> str:
    return f"---\n{text}\n---\n\n# A page\n\nText.\n"


def not_published(kind: str, why: str = "a site's own scripts and styles belong in the theme's custom_dir") -> str:
    return (
        f"error[page-file-type]: {kind!r} files are not published from the pages folder, only Markdown pages "
        f"and .png, .jpg, .jpeg, .gif, .webp images ({why}); remove the file or move it out of the pages folder"
    )


def key(where: str, name: str, message: str) -> str:
    return f"{where}: error[page-front-matter]: front matter key {name!r} cannot be published: {message}"


SVG = "SVG can carry scripts: save it as PNG"
FOLDER_LINK = "links are not followed: copy the folder in or remove the link"
TEMPLATE = (
    "it chooses the theme template the page is rendered with; a page from the plan cannot choose one (remove the key)"
)
TEXT = "expected text, found"
SEARCH = "expected a mapping with exclude: true/false and boost: a number, found"
HIDE = "feedback, footer, navigation, path, tags, toc"
NOT_AN_IMAGE = "image; save it as a real image or remove it"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

FILES: list[tuple[str, Setup, list[str]]] = [
    ("html", put("evil.html", "<script>alert(1)</script>"), [f"evil.html:1:1: {not_published('.html')}"]),
    ("htm", put("evil.htm", "<script>alert(1)</script>"), [f"evil.htm:1:1: {not_published('.htm')}"]),
    (
        "xhtml",
        put("evil.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
        [f"evil.xhtml:1:1: {not_published('.xhtml')}"],
    ),
    ("upper-case", put("EVIL.HTML", "<script>alert(1)</script>"), [f"EVIL.HTML:1:1: {not_published('.html')}"]),
    (
        "upper-case-markdown",
        put("EVIL.MD", "<script>alert(1)</script>"),
        [
            "EVIL.MD:1:1: error[page-file-type]: MkDocs renders only '.md' in lower case as a page; rename the file to "
            "'EVIL.md'"
        ],
    ),
    ("js", put("evil.js", "alert(1)"), [f"evil.js:1:1: {not_published('.js')}"]),
    ("mjs", put("evil.mjs", "alert(1)"), [f"evil.mjs:1:1: {not_published('.mjs')}"]),
    ("css", put("evil.css", "body{background:url(javascript:alert(1))}"), [f"evil.css:1:1: {not_published('.css')}"]),
    (
        "svg",
        put("logo.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        [f"logo.svg:1:1: {not_published('.svg', SVG)}"],
    ),
    (
        "svg-in-folder",
        put("img/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"),
        [f"img/logo.svg:1:1: {not_published('.svg', SVG)}"],
    ),
    ("no-suffix", put("notes", "<script>alert(1)</script>"), [f"notes:1:1: {not_published('notes')}"]),
    ("txt", put("extra.txt", "x"), [f"extra.txt:1:1: {not_published('.txt')}"]),
    (
        "png-that-is-html",
        put("shot.png", "<html><script>alert(1)</script></html>"),
        [
            f"shot.png:1:1: error[page-image-content]: the file is named .png but its content is not a PNG "
            f"{NOT_AN_IMAGE}"
        ],
    ),
    (
        "jpg-that-is-png",
        put("a.jpg", b"\x89PNG\r\n\x1a\n" + b"\0" * 16),
        [f"a.jpg:1:1: error[page-image-content]: the file is named .jpg but its content is not a JPG {NOT_AN_IMAGE}"],
    ),
    (
        "gif-with-wrong-version",
        put("a.gif", b"GIF00a<script>"),
        [f"a.gif:1:1: error[page-image-content]: the file is named .gif but its content is not a GIF {NOT_AN_IMAGE}"],
    ),
    (
        "webp-riff-not-webp",
        put("a.webp", b"RIFF\0\0\0\0WAVEfmt "),
        [
            f"a.webp:1:1: error[page-image-content]: the file is named .webp but its content is not a WEBP "
            f"{NOT_AN_IMAGE}"
        ],
    ),
    (
        "empty-jpeg",
        put("a.jpeg", b""),
        [
            f"a.jpeg:1:1: error[page-image-content]: the file is named .jpeg but its content is not a JPEG "
            f"{NOT_AN_IMAGE}"
        ],
    ),
    (
        "named-pipe",
        lambda pages: os.mkfifo(pages / "pipe.md"),
        ["pipe.md:1:1: error[page-file-type]: not a regular file (a named pipe, socket or device); remove it"],
    ),
    (
        "link-to-a-pipe-inside",
        both(lambda pages: os.mkfifo(pages / "pipe"), link("page.md", "pipe")),
        [
            "page.md:1:1: error[page-file-type]: not a regular file (a named pipe, socket or device); remove it",
            "pipe:1:1: error[page-file-type]: not a regular file (a named pipe, socket or device); remove it",
        ],
    ),
    (
        "not-utf8",
        put("latin.md", "# Café\n\nSchön\n".encode("latin-1")),
        ["latin.md:1:1: error[not-utf8]: the page is not UTF-8 text (byte 6); save it as UTF-8"],
    ),
    (
        "not-utf8-line-3",
        put("late.md", b"# A\n\n\xff\n"),
        ["late.md:3:1: error[not-utf8]: the page is not UTF-8 text (byte 6); save it as UTF-8"],
    ),
    (
        "too-large",
        put("big.md", "# Big\n" + "x" * (5 * 1024 * 1024)),
        ["big.md:1:1: error[file-too-large]: file is 5242886 bytes; pages may be at most 5 MB"],
    ),
    (
        "several-at-once",
        both(put("a.html", "x"), put("b.js", "x")),
        [f"a.html:1:1: {not_published('.html')}", f"b.js:1:1: {not_published('.js')}"],
    ),
]

LINKS: list[tuple[str, Setup, list[str]]] = [
    (
        "to-etc-passwd",
        link("users.md", "/etc/passwd"),
        [
            "users.md:1:1: error[page-link]: a link to '/etc/passwd', outside the pages folder; "
            "links are not followed: "
            "copy the file in or remove the link"
        ],
    ),
    (
        "to-a-plan-file",
        link("team.md", "../team.yaml"),
        [
            "team.md:1:1: error[page-link]: a link to '../team.yaml', outside the pages folder; "
            "links are not followed: "
            "copy the file in or remove the link"
        ],
    ),
    (
        "image-outside",
        link("logo.png", "/etc/hostname"),
        [
            "logo.png:1:1: error[page-link]: a link to '/etc/hostname', outside the pages folder; links are not "
            "followed: copy the file in or remove the link"
        ],
    ),
    (
        "in-a-subfolder",
        link("deep/down/x.md", "/etc/hostname"),
        [
            "deep/down/x.md:1:1: error[page-link]: a link to '/etc/hostname', outside the pages folder; links are not "
            "followed: copy the file in or remove the link"
        ],
    ),
    ("folder-outside", link("etc", "/etc"), [f"etc:1:1: error[page-link]: a link to a folder ('/etc'); {FOLDER_LINK}"]),
    (
        "folder-loop",
        both(link("a", "."), link("b", "..")),
        [
            f"a:1:1: error[page-link]: a link to a folder ('.'); {FOLDER_LINK}",
            f"b:1:1: error[page-link]: a link to a folder ('..'); {FOLDER_LINK}",
        ],
    ),
    (
        "hidden-folder-link",
        link(".cache", "/"),
        [f".cache:1:1: error[page-link]: a link to a folder ('/'); {FOLDER_LINK}"],
    ),
    (
        "to-nothing",
        link("gone.md", "nowhere.md"),
        ["gone.md:1:1: error[page-link]: a link to nothing ('nowhere.md'); remove it"],
    ),
    (
        "to-dev-zero",
        link("zero.md", "/dev/zero"),
        [
            "zero.md:1:1: error[page-link]: a link to '/dev/zero', outside the pages folder; "
            "links are not followed: copy "
            "the file in or remove the link"
        ],
    ),
    (
        "inside-then-out",
        both(link("hop.md", "hop2.md"), link("hop2.md", "/etc/passwd")),
        [
            "hop.md:1:1: error[page-link]: a link to 'hop2.md', outside the pages folder; "
            "links are not followed: copy "
            "the file in or remove the link",
            "hop2.md:1:1: error[page-link]: a link to '/etc/passwd', outside the pages folder; "
            "links are not followed: "
            "copy the file in or remove the link",
        ],
    ),
]

FRONT_MATTER: list[tuple[str, Setup, list[str]]] = [
    (
        "template-traversal",
        put("t.md", front("template: ../../../etc/passwd")),
        [key("t.md:2:1", "template", TEMPLATE)],
    ),
    (
        "template-redirect",
        put("t.md", front("title: Moved\ntemplate: redirect.html\nlocation: '\"];alert(1);//'")),
        [key("t.md:3:1", "template", TEMPLATE)],
    ),
    ("template-multimarkdown", put("t.md", "Template: main.html\n\n# Page\n"), [key("t.md:1:1", "template", TEMPLATE)]),
    (
        "icon-traversal",
        put("i.md", front("icon: ../../partials/header")),
        [key("i.md:2:1", "icon", "expected an icon name like material/home, found '../../partials/header'")],
    ),
    (
        "icon-unknown",
        put("i.md", front("icon: material/no-such-icon-here")),
        [
            key(
                "i.md:2:1",
                "icon",
                "the theme has no icon 'material/no-such-icon-here' (icons look like material/home "
                "or fontawesome/brands/github)",
            )
        ],
    ),
    ("icon-a-list", put("i.md", front("icon: [material/home]")), [key("i.md:2:1", "icon", f"{TEXT} a list")]),
    ("title-a-list", put("l.md", front("title: [a, b]")), [key("l.md:2:1", "title", f"{TEXT} a list")]),
    (
        "description-a-mapping",
        put("l.md", front("description: {a: 1}")),
        [key("l.md:2:1", "description", f"{TEXT} a mapping")],
    ),
    ("status-indented", put("l.md", front("  status: [new]")), [key("l.md:2:3", "status", f"{TEXT} a list")]),
    (
        "hide-a-string",
        put("h.md", front("hide: toc")),
        [key("h.md:2:1", "hide", f"expected a list of {HIDE}, found str 'toc'")],
    ),
    (
        "hide-a-number",
        put("h.md", front("hide: 3")),
        [key("h.md:2:1", "hide", f"expected a list of {HIDE}, found int '3'")],
    ),
    (
        "hide-misspelled",
        put("h.md", front("hide: [navigaton]")),
        [
            key(
                "h.md:2:1",
                "hide",
                f"'navigaton' is not a part of the page that can be hidden (known: {HIDE}); did you mean 'navigation'?",
            )
        ],
    ),
    ("search-a-bool", put("s.md", front("search: yes")), [key("s.md:2:1", "search", f"{SEARCH} bool 'True'")]),
    (
        "search-exclude-text",
        put("s.md", front("search: {exclude: 'yes'}")),
        [key("s.md:2:1", "search", f"{SEARCH} 'exclude': str 'yes'")],
    ),
    (
        "search-boost-bool",
        put("s.md", front("search: {boost: true}")),
        [key("s.md:2:1", "search", f"{SEARCH} 'boost': bool 'True'")],
    ),
    (
        "search-unknown-key",
        put("s.md", front("search: {weight: 2}")),
        [key("s.md:2:1", "search", f"{SEARCH} 'weight': int '2'")],
    ),
    (
        "tags-a-string",
        put("g.md", front("tags: urgent")),
        [key("g.md:2:1", "tags", "expected a list of tags, found str 'urgent'")],
    ),
    (
        "alias-bomb",
        put("b.md", front(BOMB.rstrip())),
        [
            key(
                "b.md:5:1",
                "d",
                "the front matter holds more than 10000 values (aliases count each time they are used); keep it small",
            )
        ],
    ),
    (
        "deep-nesting",
        put("n.md", front("x: " + "[" * 990 + "]" * 990)),
        [key("n.md:2:1", "x", "the front matter nests deeper than 20 levels; keep it flat")],
    ),
    (
        "every-problem-of-a-page",
        put("all.md", front("template: x.html\nicon: ../x\ntitle: [x]")),
        [
            key("all.md:2:1", "template", TEMPLATE),
            key("all.md:3:1", "icon", "expected an icon name like material/home, found '../x'"),
            key("all.md:4:1", "title", f"{TEXT} a list"),
        ],
    ),
]


def _refusals(project: Path) -> list[str]:
    result = mkdocs(project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "the hand-written pages have" in result.stderr and "the handbook was not built" in result.stderr
    return [line.split("planops: ", 1)[1] for line in result.stderr.splitlines() if ": error[" in line]


@pytest.mark.parametrize(("setup", "expected"), [pytest.param(s, e, id=i) for i, s, e in FILES + LINKS + FRONT_MATTER])
def test_refused_with_located_errors(project: Path, setup: Setup, expected: list[str]) -> None:
    setup(project / PAGES)
    assert _refusals(project) == [f"{PAGES}/{line}" for line in expected]
    assert not (project / "site").exists()


def test_pages_folder_that_is_a_link(project: Path) -> None:
    shutil.move(project / PAGES, project / "elsewhere")
    os.symlink("../elsewhere", project / PAGES)
    assert _refusals(project) == [
        f"{PAGES}:1:1: error[page-link]: the pages folder is a link ('../elsewhere'); "
        "links are not followed: make it a real folder"
    ]


def test_a_docs_dir_outside_the_plan_is_checked_too(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("docs_dir: plan/pages", "docs_dir: docs"), encoding="utf-8"
    )
    assert _refusals(project) == [f"docs/evil.html:1:1: {not_published('.html')}"]


GOOD_IMAGES = {
    "a.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    "b.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF",
    "c.JPEG": b"\xff\xd8\xff\xdb",
    "d.gif": b"GIF89a\x01\0\x01\0",
    "e.webp": b"RIFF\x1a\0\0\0WEBPVP8 ",
}


def test_what_may_be_published(project: Path) -> None:
    pages = project / PAGES
    for name, content in GOOD_IMAGES.items():
        (pages / "img").mkdir(exist_ok=True)
        (pages / "img" / name).write_bytes(content)
    os.symlink("guide.md", pages / "same-guide.md")  # a link inside the folder is fine
    (pages / ".notes").mkdir()
    (pages / ".notes" / "draft.html").write_text("<script>alert(1)</script>", encoding="utf-8")  # hidden: not published
    (pages / "fm.md").write_text(
        front(
            "title: Fine\nicon: material/home\nhide: [toc, footer]\nstatus: new\n"
            "search: {exclude: false, boost: 2.5}\ntags: [a, 1]\nauthor: Kim\nx: {y: [1]}"
        ),
        encoding="utf-8",
    )
    (pages / "plain.markdown").write_text("Title: Plain\n\n# Plain page\n", encoding="utf-8")
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert sorted(p.name for p in (site / "img").iterdir()) == sorted(GOOD_IMAGES)
    assert "How we work" in (site / "same-guide" / "index.html").read_text(encoding="utf-8")
    assert not (site / ".notes").exists()
    html = (site / "fm" / "index.html").read_text(encoding="utf-8")
    assert "<title>Fine - Small Handbook</title>" in html and '<meta name="author" content="Kim">' in html
    assert "<title>Plain - Small Handbook</title>" in (site / "plain" / "index.html").read_text(encoding="utf-8")


def test_the_loop_is_refused_before_mkdocs_walks_it(project: Path) -> None:
    """Two links to the folder itself: MkDocs' walk (it follows links) would branch 40 levels deep, 2**40 paths."""
    for name in ("a", "b"):
        os.symlink(".", project / PAGES / name)
    assert len(_refusals(project)) == 2  # and it returned: mkdocs() has a timeout


# --- escaped, not refused: the same site is opened in a browser in test_hostile_site_runs_no_script ---

PAYLOAD = '</title><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
ATTRIBUTE = '" onload="window.__pwned=3" x="\' onmouseover=\'window.__pwned=4'
HOSTILE_PAGES: dict[str, str] = {
    "front.md": "---\n"
    + (
        f"title: {q(PAYLOAD)}\ndescription: {q(ATTRIBUTE)}\nsubtitle: {q(PAYLOAD)}\n"
        f"author: {q(ATTRIBUTE)}\nstatus: {q(ATTRIBUTE)}\nlocation: {q(PAYLOAD)}\n"
        f"revision_date: {q(PAYLOAD)}\nextra: {{note: {q(PAYLOAD)}, list: [{q(ATTRIBUTE)}]}}\n"
        "blob: !!binary PHNjcmlwdD53aW5kb3cuX19wd25lZD01PC9zY3JpcHQ+\n"
        "tags: ['<b onclick=alert(1)>t</b>']"
    )
    + "\n---\n\nNo heading: search shows the title.\n",
    "multimarkdown.md": f"Title: {PAYLOAD}\nDescription: {ATTRIBUTE}\n\n# Body\n\nText.\n",
    "heading.md": f"# Guide {PAYLOAD}\n\n"
    '## Second { data-toc-label="&lt;img src=x onerror=window.__pwned=6&gt;" }\n\n'
    '## Third { onclick="window.__pwned=7" }\n\nText.\n',
    "links.md": "# Links\n\n[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](&#106;avascript:alert(3)) "
    "[d](data:text/html,<script>alert(4)</script>) <javascript:alert(5)> "
    '<a href=" javascript:alert(6)">f</a> <a href="vbscript:alert(7)">g</a>\n\n'
    '<svg onload=alert(8)></svg> <iframe srcdoc="<script>alert(9)</script>"></iframe> '
    '<object data="javascript:alert(10)"></object> '
    '<form action="javascript:alert(11)"><button formaction="javascript:alert(11)">x</button></form> '
    "<details open ontoggle=alert(12)>x</details> <img src=x onerror=alert(13)> "
    '<math><mi xlink:href="javascript:alert(14)">m</mi></math> <base href="javascript:alert(15)//"> '
    '<meta http-equiv="refresh" content="0;url=javascript:alert(16)"> '
    "<style>*{x:expression(alert(17))}</style> "
    '<a href="#" style="background:url(javascript:alert(18))">h</a>\n\n'
    "![i](javascript:alert(19)) [j][ref]\n\n[ref]: javascript:alert(20)\n",
    NAMED: "No heading: the title comes from the file name.\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan with every hostile page that is escaped rather than refused."""
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(SMALL, root)
    for name, text in HOSTILE_PAGES.items():
        (root / PAGES / name).write_text(text, encoding="utf-8")
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


class _Elements(HTMLParser):
    """Every element with its attributes, and the text of inline scripts, as a browser's parser sees them."""

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")  # raw text up to their end tag

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self.titles = 0
        self._script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._script = False
        if tag == "title":
            self.titles += 1

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts.append(data)


HOSTILE_PAGE_URIS = [f"{Path(n).stem}/index.html" for n in HOSTILE_PAGES]
SCRIPT_URL = re.compile(r"\s*(javascript|vbscript|data)\s*:", re.I)


def _every_page(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_hostile_site_has_every_page(hostile_site: Path) -> None:
    for uri in HOSTILE_PAGE_URIS:
        assert (hostile_site / uri).is_file(), uri


def test_no_page_has_a_handler_a_script_url_or_a_planted_script(hostile_site: Path) -> None:
    for page in _every_page(hostile_site):
        parsed = _Elements(page.read_text(encoding="utf-8"))
        where = page.relative_to(hostile_site).as_posix()
        for tag, attrs in parsed.tags:
            assert tag not in {"iframe", "object", "embed", "base", "math", "style", "meta"} or (
                tag == "meta" and not any(k == "http-equiv" for k, _ in attrs)
            ), (where, tag, attrs)
            for name, value in attrs:
                assert not name.startswith("on"), (where, tag, name, value)
                assert not SCRIPT_URL.match(value or ""), (where, tag, name, value)
        assert parsed.titles == 1, where  # nothing closed <title> early (and opened a second one)
        for script in parsed.scripts:
            assert "__pwned" not in script and "alert(" not in script, (where, script[:200])


def test_front_matter_lands_escaped(hostile_site: Path) -> None:
    html = (hostile_site / "front" / "index.html").read_text(encoding="utf-8")
    title = (
        "&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x "
        "onerror=&quot;window.__pwned=2&quot;&gt;"
    )
    assert f"<title>{title} - Small Handbook</title>" in html
    attribute = "&quot; onload=&quot;window.__pwned=3&quot; x=&quot;&#x27; onmouseover=&#x27;window.__pwned=4"
    assert f'<meta name="description" content="{attribute}">' in html
    assert f'<meta name="author" content="{attribute}">' in html
    assert f"<small>{title}</small>" in html  # subtitle, in the navigation
    assert f'<span class="md-status md-status--{attribute}"></span>' in html
    nav = "&lt;\u200b/title&gt;&lt;script&gt;window.__pwned=1&lt;\u200b/script&gt;"
    assert nav in (hostile_site / "index.html").read_text(encoding="utf-8")  # the title in every page's navigation


def test_multimarkdown_meta_lands_escaped(hostile_site: Path) -> None:
    html = (hostile_site / "multimarkdown" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert '<meta name="description" content="&quot; onload=&quot;window.__pwned=3&quot;' in html


def test_search_index_holds_escaped_titles(hostile_site: Path) -> None:
    index = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in index and "<img src=x" not in index
    assert "&lt;/title&gt;&lt;script&gt;window.__pwned=1" in index


def test_a_title_from_the_file_name_is_text(hostile_site: Path) -> None:
    html = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "&quot;&gt;&lt;img src=x onerror=alert(21)&gt;" in html


# --- the same site in a real browser: no payload runs, on any page, over http or from file:// ---


def _browse_every_page(tab: Tab, site: Path, directory_urls: bool) -> None:
    for page in _every_page(site):
        if page.name == "404.html" and not directory_urls:
            continue  # for a web server: its links are absolute (/assets/...)
        path = page.relative_to(site).as_posix()
        if directory_urls:
            path = path.removesuffix("index.html")
        opened = tab.open(quote(path))
        assert opened.evaluate("typeof window.__pwned") == "undefined", path
        opened.mouse.move(200, 300)  # over the navigation: an onmouseover would fire now
    assert tab.dialogs == []


@pytest.mark.browser
def test_hostile_site_runs_no_script_over_http(hostile_site: Path, tmp_path: Path) -> None:
    with chromium() as browser, serve(hostile_site) as base:
        tab = Tab(browser, base, tmp_path)
        _browse_every_page(tab, hostile_site, directory_urls=True)
        page = tab.open("front/")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("src", delay=30)  # a word of the hostile titles
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        titles = page.locator(".md-search-result__item h1").all_inner_texts()
        assert any(t.startswith("</title><script>window.__pwned=1") for t in titles), titles  # shown as text
        assert page.evaluate("typeof window.__pwned") == "undefined" and tab.dialogs == []
        missing = [e for e in tab.errors if e.startswith("404 ")]
        assert all(e.endswith("/x") for e in missing), missing  # the planted <img src=x>, its handler removed
        others = [e for e in tab.errors if not e.startswith(("404 ", "Failed to load resource"))]
        assert others == [] and tab.blocked == []


@pytest.mark.browser
def test_hostile_site_runs_no_script_from_file_url(hostile_site: Path, tmp_path: Path) -> None:
    with chromium() as browser:
        tab = Tab(browser, hostile_site.as_uri(), tmp_path)
        _browse_every_page(tab, hostile_site, directory_urls=False)
        assert tab.blocked == []
