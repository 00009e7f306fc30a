"""Errors the commands raise, and the one place they become an exit status.

Library code raises; only a console entry point (``[project.scripts]`` in ``pyproject.toml``) turns
an error into a one-line message on stderr and a non-zero exit, through :func:`command`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable


class CommandError(Exception):
    """A command cannot go on: a missing warehouse or virtual environment, a folder it refuses to
    overwrite, bad catalogue text. The message says what is wrong and where."""


class BuildError(CommandError):
    """A dbt step failed; the warehouse being built was not published."""


def command(main: Callable[..., int]) -> Callable[..., int]:
    """Wrap an entry point: a :class:`CommandError` becomes ``<prog>: <message>`` and exit status 1."""

    @functools.wraps(main)
    def run(argv: list[str] | None = None, **kwargs) -> int:
        try:
            return main(argv, **kwargs)
        except CommandError as exc:
            print(f"{main.__module__}: {exc}", file=sys.stderr)
            return 1

    return run
