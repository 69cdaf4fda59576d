"""What `invoke check` reports: problems at a file's line, as text or GitHub annotations.

Every line goes through ``printable`` and the workflow-command escapes, so no field name
or value in a contributor's file can start a command in the Actions log.

May import: ``newsarchive.content``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.content.printable import printable, workflow_data, workflow_property

# Titles of the GitHub annotations, one per kind of problem (CONTRIBUTING.md explains each).
FRONT_MATTER = "front matter"
UNKNOWN_ID = "unknown id"
DUPLICATE_SLUG = "duplicate slug"
DUPLICATE_ORIGIN = "duplicate origin"
PLACEMENT = "file placement"
LIKELY_DUPLICATE = "likely duplicate"
FUTURE_DATE = "date in the future"
REGISTRY = "registry"
BODY_LINK = "body link"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one line of one file; sorts by path, then line."""

    path: str
    line: int
    message: str
    title: str = FRONT_MATTER
    level: str = "error"  # or "warning": shown, but the check still passes

    def __str__(self) -> str:
        shown = self.message if self.level == "error" else f"{self.level}: {self.message}"
        return printable(f"{self.path}:{self.line}: {shown}")

    def annotation(self) -> str:
        """The GitHub workflow command that shows this problem on the pull request's line."""
        return (
            f"::{self.level} file={workflow_property(self.path)},line={self.line},"
            f"title={workflow_property(self.title[:1].upper() + self.title[1:])}::{workflow_data(self.message)}"
        )


@dataclass(frozen=True)
class Report:
    problems: list[Problem]
    articles: int
    entities: int
    tags: int
    warnings: list[Problem] = field(default_factory=list)

    def lines(self, *, github: bool = False) -> list[str]:
        """One line per problem: ``path:line: message``, or with ``github`` the annotation only.

        Under GitHub Actions a plain line would reach the log beside the
        annotation, and the log runs any line that looks like a workflow command.
        """
        problems = [*self.problems, *self.warnings]
        return [problem.annotation() if github else str(problem) for problem in problems]

    def summary(self) -> str:
        return (
            f"checked {count(self.articles, 'article')}, {count(self.entities, 'entity', 'entities')}, "
            f"{count(self.tags, 'tag')}: {count(len(self.problems), 'problem')}"
            + (f", {count(len(self.warnings), 'warning')}" if self.warnings else "")
        )


def count(number: int, one: str, many: str | None = None) -> str:
    """'1 article', '3 articles', '2 entities'."""
    return f"{number} {one if number == 1 else many or one + 's'}"
