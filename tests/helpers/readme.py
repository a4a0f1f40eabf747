"""The README's tables of built-in ticket fields and finding codes, made from the code they describe.

    python -m tests.helpers.readme     # rewrites both tables in README.md

tests/test_readme.py fails when a table no longer matches, so a new code or
field cannot be left out of the README.
"""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
TABLES = {
    "fields": ("<!-- ticket fields: made by tests/helpers/readme.py -->", "<!-- end of ticket fields -->"),
    "codes": ("<!-- finding codes: made by tests/helpers/readme.py -->", "<!-- end of finding codes -->"),
}


def fields_table() -> str:
    from planops.ticketfields import BUILTIN, walk

    rows = ["| field | type | meaning |", "|---|---|---|"]
    for name, f in walk(BUILTIN):
        kind = f"list of {f.items}" if f.type == "list" else f.type
        values = f" ({', '.join(map(str, f.values))})" if f.values else ""
        rows.append(f"| `ticket.{name}` | {kind} | {f.description}{values} |")
    return "\n".join(rows)


def codes_table() -> str:
    from planops.checks import CODES

    rows = ["| code | severity | meaning |", "|---|---|---|"]
    for code in sorted(CODES.values(), key=lambda c: c.code):
        summary = re.sub(r"\s+", " ", code.summary).replace("|", "\\|")
        rows.append(f"| `{code.code}` | {code.severity} | {summary} |")
    return "\n".join(rows)


def made() -> dict[str, str]:
    return {"fields": fields_table(), "codes": codes_table()}


def written(text: str, which: str) -> str | None:
    start, end = TABLES[which]
    found = re.search(re.escape(start) + r"\n(.*?)\n" + re.escape(end), text, re.S)
    return found.group(1) if found else None


def rewrite() -> None:
    text = README.read_text(encoding="utf-8")
    for which, table in made().items():
        start, end = TABLES[which]
        block = f"{start}\n{table}\n{end}"
        text = re.sub(re.escape(start) + r"\n(?:.*?\n)?" + re.escape(end), lambda _, b=block: b, text, flags=re.S)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    rewrite()
