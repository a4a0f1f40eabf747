"""planops build: the handbook, as ``mkdocs build`` makes it (strict by default)."""

from __future__ import annotations

import argparse

from planops.commands.common import add_config, given_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config(parser)
    parser.add_argument(
        "-d",
        "--site-dir",
        type=given_path,
        default=None,
        metavar="DIR",
        help="where the site goes (default: site_dir of mkdocs.yml)",
    )
    parser.add_argument(
        "--no-strict", dest="strict", action="store_false", help="do not fail on warnings (strict is the default)"
    )


def run(args: argparse.Namespace) -> int:
    from planops.handbook.commands import build_site

    return build_site(args.config_file, site_dir=args.site_dir, strict=args.strict)
