"""The codes the loader reports: reading files, parsing YAML and checking each document's shape.

Each is emitted through its constant; ``CODES`` lists them for the handbook's reference.
"""

from planops.diagnostics import ERROR, Code

YAML_SYNTAX = Code("yaml-syntax", ERROR, "The file is not valid YAML.", "routing:\n  rules: [a, b\n")
DUPLICATE_KEY = Code(
    "duplicate-key",
    ERROR,
    "A key appears twice in one mapping; YAML would keep only one.",
    "kind: Channel\nname: chat\ncalendar: berlin-office\ncalendar: new-york-office\n",
)
YAML_TAG = Code(
    "yaml-tag",
    ERROR,
    "An explicit tag other than the core ones; plan files are plain data.",
    "kind: Plan\nname: !!python/object/apply:os.system [id]\n",
)
YAML_ALIASES = Code(
    "yaml-aliases",
    ERROR,
    "Aliases expand to too many values (a 'billion laughs' file) or repeat over a million characters of text.",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n# … nine levels deep\n",
)
YAML_TOO_DEEP = Code("yaml-too-deep", ERROR, "Nesting deeper than any plan needs.", "")
NUMBER_TOO_LARGE = Code(
    "number-too-large",
    ERROR,
    "A number beyond ±2^53 (9,007,199,254,740,991), or one whose digits overflow a float.",
    "kind: SLAPolicy\nname: std\norder: 99999999999999999999\n",
)
YAML_KEY = Code("yaml-key", ERROR, "A key that is a list or a mapping.", "? [a, b]\n: c\n")
YAML_MERGE = Code("yaml-merge", ERROR, "A '<<' merge key whose value is not a mapping.", "<<: 3\n")
LINK_OUTSIDE_PLAN = Code(
    "link-outside-plan",
    ERROR,
    "A plan file or folder that is a symbolic link leaving the plan folder; links are never followed.",
    "plan/calendars.yaml -> /etc/passwd\n",
)
LINK_IN_PLAN = Code(
    "link-in-plan",
    ERROR,
    "A plan file or folder that is a symbolic link inside the plan folder; links are never followed, "
    "so the folder and its git revisions read the same files.",
    "plan/current.yaml -> releases/2026.yaml\n",
)
UNREADABLE = Code("unreadable", ERROR, "A plan file that cannot be read, or a folder that cannot be listed.", "")
NOT_A_FILE = Code("not-a-file", ERROR, "A FIFO, device or socket named like a plan file; it is not opened.", "")
FILE_TOO_LARGE = Code("file-too-large", ERROR, "A plan file over 5 MB.", "")
NOT_UTF8 = Code("not-utf8", ERROR, "A file that is not UTF-8 text.", "")
NOT_A_MAPPING = Code(
    "not-a-mapping", ERROR, "A document that is not a mapping with kind: and name:.", "- just\n- a list\n"
)
MISSING_KIND = Code("missing-kind", ERROR, "A document without kind:.", "name: chat\n")
UNKNOWN_KIND = Code("unknown-kind", ERROR, "A kind planops does not know.", "kind: Workflw\nname: billing\n")
UNKNOWN_KEY = Code(
    "unknown-key",
    ERROR,
    "A key the kind does not have (often a typo).",
    "kind: Channel\nname: chat\ncalender: berlin-office\n",
)
MISSING_KEY = Code("missing-key", ERROR, "A required key is missing.", "kind: KPI\nname: csat\nmeasures: csat\n")
WRONG_TYPE = Code(
    "wrong-type",
    ERROR,
    "A value of the wrong type.",
    "kind: Team\nname: support\nroles:\n  - {name: agent, title: Agent, tier: one}\n",
)
INVALID_VALUE = Code(
    "invalid-value",
    ERROR,
    "A value outside what the key allows.",
    "kind: SLAPolicy\nname: std\norder: 1\ntargets:\n  high: {first_response: 2 hours}\n",
)

CODES = [
    YAML_SYNTAX,
    DUPLICATE_KEY,
    YAML_TAG,
    YAML_ALIASES,
    YAML_TOO_DEEP,
    NUMBER_TOO_LARGE,
    YAML_KEY,
    YAML_MERGE,
    LINK_OUTSIDE_PLAN,
    LINK_IN_PLAN,
    UNREADABLE,
    NOT_A_FILE,
    FILE_TOO_LARGE,
    NOT_UTF8,
    NOT_A_MAPPING,
    MISSING_KIND,
    UNKNOWN_KIND,
    UNKNOWN_KEY,
    MISSING_KEY,
    WRONG_TYPE,
    INVALID_VALUE,
]
