"""``planops build`` and ``planops serve``: MkDocs' own build and serve, with its errors as one line.

MkDocs logs through ``logging``; the handlers set up here print its messages
the way ``mkdocs`` does (``WARNING -  …``), and a failed build returns 1
instead of a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planops.errors import PlanopsError
from planops.loader.source import display_path


def _config(config_file: Path, *, replay_warnings: bool = True, **overrides: Any) -> Any:
    """The loaded configuration, or a PlanopsError naming every configuration error on one line."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if config_file.is_dir():
        raise PlanopsError(f"{config_file} is a folder: give the MkDocs configuration file (-f FILE)", exit_code=1)
    if not config_file.is_file():
        raise PlanopsError(f"{config_file} not found (run 'planops init', or use -f FILE)", exit_code=1)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with _held("mkdocs.config") as held:
        try:
            config = load_config(str(config_file), **{k: v for k, v in overrides.items() if v is not None})
        except ConfigurationError as exc:
            raise PlanopsError(_parse_error(config_file, exc), exit_code=1) from None
        except Abort as exc:
            raise PlanopsError(_validation_errors(config_file, held.records, exc), exit_code=1) from None
        except OSError as exc:
            raise PlanopsError(f"cannot read {config_file}: {exc.strerror or exc}", exit_code=1) from None
        except ValueError as exc:  # PyYAML's own constructors: a timestamp such as 2026-02-30
            raise PlanopsError(f"{config_file}: {_one_line(str(exc))}", exit_code=1) from None
    if replay_warnings:
        for record in held.records:
            logging.getLogger("mkdocs").handle(record)
    return config


class _Held(logging.Handler):
    """What a logger said (warnings and up), held back instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _held(name: str) -> Iterator[_Held]:
    logger = logging.getLogger(name)
    handler = _Held()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _validation_errors(config_file: Path, records: list[logging.LogRecord], exc: Exception) -> str:
    """MkDocs logs each error (or, when strict, each warning) before it aborts: all of them, on one line."""
    errors = [r for r in records if r.levelno >= logging.ERROR]
    if not records:
        return f"{config_file}: {_one_line(str(exc))}"
    shown = "; ".join(_one_line(r.getMessage()) for r in errors or records)
    return f"{config_file}: {shown}" + ("" if errors else " (strict: warnings fail; --no-strict to build anyway)")


def _parse_error(config_file: Path, exc: Exception) -> str:
    """A YAML syntax error as ``file:line:col: problem``, bytes that are not UTF-8 by offset; else one line."""
    import yaml

    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, yaml.reader.ReaderError) and isinstance(cause.character, int):
        where = display_path(Path(cause.name)) if not str(cause.name).startswith("<") else str(config_file)
        return f"{where}: not UTF-8 text (byte 0x{cause.character:02x} at offset {cause.position}): save it as UTF-8"
    if isinstance(cause, yaml.MarkedYAMLError) and cause.problem_mark is not None:
        mark = cause.problem_mark
        where = display_path(Path(mark.name)) if mark.name and not mark.name.startswith("<") else str(config_file)
        return f"{where}:{mark.line + 1}:{mark.column + 1}: {_one_line(cause.problem or str(cause))}"
    return f"{config_file}: {_one_line(str(exc))}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _plugin(config: Any, config_file: Path) -> Any:
    """The planops plugin of the configuration: without it a build would skip every plan check."""
    from planops.handbook.plugin import PlanopsPlugin

    plugin = next((p for p in config.plugins.values() if isinstance(p, PlanopsPlugin)), None)
    if plugin is None:
        raise PlanopsError(
            f"{config_file} does not use the planops plugin, so the plan would be neither checked "
            "nor published: add it, e.g. 'plugins: [search, planops]'",
            exit_code=1,
        )
    return plugin


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """MkDocs' messages as ``mkdocs`` prints them, to whatever ``sys.stderr`` is when they are logged."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr  # a second command in one process (tests, embedding) has another stderr
        super().emit(record)


def _logging() -> None:
    log = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Stderr) for h in log.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def build_site(config_file: Path, *, site_dir: Path | None = None, strict: bool = True) -> int:
    """Build the handbook; 0 when built, 1 when the plan or the site has errors (or warnings, if strict)."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError

    _logging()
    config = _config(config_file, site_dir=str(site_dir) if site_dir else None, strict=strict)
    problem = _plugin(config, config_file).site_problem(config)
    if problem:
        raise PlanopsError(problem, exit_code=1)
    try:
        build(config)
    except (Abort, BuildError) as exc:
        print(f"planops build: {exc}", file=sys.stderr)
        return 1
    return 0


def _bindable(dev_addr: str) -> None:
    """Refuse an address that is taken (or not this machine's) before the first build, not after it."""
    import socket

    host, _, port = dev_addr.rpartition(":")
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: TIME_WAIT is fine
            probe.bind((host, int(port)))
    except OSError as exc:
        raise PlanopsError(f"cannot serve on {dev_addr}: {exc.strerror or exc}", exit_code=1) from None


def serve_site(config_file: Path, *, dev_addr: str, strict: bool = False) -> int:
    """Serve with live reload until interrupted; the planops plugin adds the plan folder to the watch list."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, BuildError

    _logging()
    # serve builds into a temporary folder; the configured one is checked so a later build cannot empty the plan
    config = _config(config_file, replay_warnings=False, dev_addr=dev_addr, strict=strict or None)
    problem = _plugin(config, config_file).site_overlap(config)
    if problem:
        raise PlanopsError(problem, exit_code=1)
    _bindable(dev_addr)
    try:
        serve(str(config_file), dev_addr=dev_addr, strict=strict or None, livereload=True)
    except (Abort, BuildError) as exc:
        print(f"planops serve: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the address is taken, or not this machine's
        raise PlanopsError(f"cannot serve on {dev_addr}: {exc.strerror or exc}", exit_code=1) from None
    return 0
