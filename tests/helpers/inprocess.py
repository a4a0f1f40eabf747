"""Run the command line in this process, in a given folder, with its own standard streams."""

from __future__ import annotations

import contextlib
import io
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from planops.cli import main


@dataclass(frozen=True)
class Ran:
    argv: tuple[str, ...]
    code: int
    out: str
    err: str

    def assert_no_internal_error(self) -> None:
        """Any input gives a finding or a one-line error: exit 3 and tracebacks are bugs."""
        both = self.out + self.err
        assert self.code != 3 and "internal error" not in both and "Traceback" not in both, (
            f"planops {' '.join(self.argv)} -> exit {self.code}\n{self.err[-3000:]}"
        )


def _stream(data: bytes = b"", errors: str = "strict") -> io.TextIOWrapper:
    # a real text stream over bytes, with .buffer, like the console's (errors as Python sets them in a UTF-8 locale)
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors=errors, newline="")


@contextlib.contextmanager
def _streams(stdin: bytes) -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = _stream(errors="surrogateescape"), _stream(errors="backslashreplace")
    sys.stdin, sys.stdout, sys.stderr = _stream(stdin), out, err
    handler = logging.StreamHandler(err)  # mkdocs logs through logging; its tracebacks must show too
    logging.getLogger().addHandler(handler)
    try:
        yield out, err
    finally:
        logging.getLogger().removeHandler(handler)
        sys.stdin, sys.stdout, sys.stderr = saved


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "replace")


def run_cli(argv: Sequence[str], cwd: Path, stdin: bytes = b"") -> Ran:
    """``planops ARGV`` in ``cwd``: its exit code (2 for argparse's usage errors) and what it printed."""
    with contextlib.chdir(cwd), _streams(stdin) as (out, err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 2
        return Ran(tuple(argv), code, _text(out), _text(err))
