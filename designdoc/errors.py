"""One exception family: user errors print one clear message, anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from designdoc.files.names import shown


class DesignDocError(Exception):
    """Base class of every error designdoc reports to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One located problem of a spec."""

    file: str
    line: int
    col: int
    path: str
    message: str
    frame: str = field(default="", compare=False)

    def headline(self) -> str:
        # A problem outside any file (e.g. of a `--set` value) has no line: line 0.
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


MAX_PROBLEMS = 50  # a spec's problems shown; the rest are counted


class SpecError(DesignDocError, ValueError):
    """A spec that cannot be read or does not validate: its first problems and how many more."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        self.omitted = len(problems) - len(self.problems)
        lines = [p.headline() for p in self.problems]
        if self.omitted:
            lines.append(f"and {self.omitted} more problem{'s' if self.omitted != 1 else ''}")
        super().__init__("\n".join(lines))


class SpecFileError(DesignDocError, OSError):
    """A spec file that cannot be read at all (missing, a folder, too large...)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        super().__init__(f"{shown(path)}: {reason}")


class GraphvizMissingError(DesignDocError, RuntimeError):
    """The Graphviz `dot` program is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "the Graphviz 'dot' program was not found on PATH; install Graphviz "
            "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)"
        )


class BuildError(DesignDocError, RuntimeError):
    """A build step failed for a reason the user can act on."""


class OutputError(DesignDocError, OSError):
    """The output cannot be written (unwritable folder, a file in the way...)."""


class ThemeError(DesignDocError, ValueError):
    """A theme that cannot be used: missing folder, or a template that fails, located."""


class AssignmentError(DesignDocError, ValueError):
    """A `--set PATH=VALUE` that cannot be read (no `=`, an empty or malformed path)."""
