"""Codes the handbook reports for the plan's hand-written pages (documented here for the reference).

The pages folder is checked by planops.handbook.pagefiles before MkDocs reads it.
"""

from planops.diagnostics import ERROR, Code

FILE_TYPE = Code(
    "page-file-type",
    ERROR,
    "A file in the pages folder that is not a Markdown page or a PNG, JPEG, GIF or WebP image; MkDocs would "
    "publish it as it is (an .html, .js or .svg file could run scripts in readers' browsers).",
    "pages/help.html",
)
IMAGE_CONTENT = Code(
    "page-image-content",
    ERROR,
    "An image in the pages folder whose content is not an image of that kind (a .png that is really HTML).",
    "",
)
LINK = Code(
    "page-link",
    ERROR,
    "A symbolic link in the pages folder to a folder, to nothing, or to a file outside the folder; links are "
    "never followed.",
    "pages/users.md -> /etc/passwd",
)
TOO_MANY = Code("page-too-many-files", ERROR, "A pages folder with more than 20,000 files and folders.", "")
UNREADABLE = Code("page-unreadable", ERROR, "A file or folder in the pages folder that cannot be read.", "")
FRONT_MATTER = Code(
    "page-front-matter",
    ERROR,
    "A front matter key of a page that cannot be made safe: template:, or hide:, search:, tags:, icon: or a text "
    "key such as title: with the wrong shape.",
    "---\ntemplate: ../../../etc/passwd\n---\n# Help\n",
)

CODES = [FILE_TYPE, IMAGE_CONTENT, LINK, TOO_MANY, UNREADABLE, FRONT_MATTER]
