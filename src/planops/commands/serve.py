"""planops serve: the handbook with live reload, also when a plan file changes."""

from __future__ import annotations

import argparse

from planops.commands.common import add_config, host_port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config(parser)
    parser.add_argument(
        "-a",
        "--dev-addr",
        type=host_port,
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="where to serve (default: 127.0.0.1:8000)",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings")


def run(args: argparse.Namespace) -> int:
    from planops.handbook.commands import serve_site

    return serve_site(args.config_file, dev_addr=args.dev_addr, strict=args.strict)
