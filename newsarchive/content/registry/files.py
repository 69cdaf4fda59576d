"""Reading a registry folder: regular YAML files only, parsed as strictly as front matter.

Rules:

* Only regular files named ``*.yaml`` directly in the folder are entries; a ``.yml``
  file, a folder, a symbolic link (which could make the build publish any file on the
  machine), a device or a registry folder that is a link is refused by name.
* A file is read with the front-matter loader (``frontmatter.load_mapping``): no
  anchors or aliases, so a "billion laughs" file is refused before it expands; at most
  64 KB are read, nesting at most 20 levels deep, no key twice.
* No text may hold a control character (line breaks aside, which the field rules
  judge) or a surrogate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from newsarchive.content.contentfiles import not_a_file
from newsarchive.content.frontmatter import (
    MAX_YAML_BYTES,
    FrontMatterError,
    check_size,
    load_mapping,
)
from newsarchive.content.registry.model import File, Problems
from newsarchive.content.schema import text_problems


def _file(content_dir: Path, path: Path) -> File:
    """Messages name a file from the content folder down: ``content/entities/x.yaml``."""
    return File(path, path.relative_to(content_dir.parent).as_posix())


def read_entries(
    content_dir: Path, kind: str, errors: Problems
) -> list[tuple[File, dict[str, Any]]]:
    """Parsed YAML mappings of one registry folder, in id order; problems go to ``errors``."""
    folder = content_dir / kind
    if folder.is_symlink():
        errors.append(_file(content_dir, folder).problem(_FOLDER_LINK))
        return []
    if not folder.is_dir():
        errors.append(_file(content_dir, folder).problem("expected a directory of .yaml files"))
        return []
    for stray in sorted(folder.glob("*.yml")):
        errors.append(_file(content_dir, stray).problem("expected the extension .yaml, not .yml"))
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        file = _file(content_dir, path)
        refusal = not_a_file(path, "a YAML file")
        if refusal is not None:
            errors.append(file.problem(refusal))
            continue
        data = _parse(file, errors)
        if data is not None:
            entries.append((file, data))
    return entries


_FOLDER_LINK = (
    "is a symbolic link; expected a folder of .yaml files in the content folder "
    "(a link could make the build read and publish any file on the machine)"
)


def _parse(file: File, errors: Problems) -> dict[str, Any] | None:
    """The file's fields, read as strictly as front matter: no aliases, so no YAML bombs.

    At most ``MAX_YAML_BYTES`` are read, so an enormous file costs nothing.
    """
    try:
        data = _checked(load_mapping(_read_capped(file.path)))
    except OSError as problem:
        errors.append(file.problem(f"could not be read ({problem.strerror})"))
    except UnicodeDecodeError as problem:
        errors.append(file.problem(f"expected UTF-8 text ({problem.reason})"))
    except FrontMatterError as problem:
        errors.append(file.problem(f"line {problem.line}: {problem.describe()}"))
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        reason = getattr(problem, "problem", None) or str(problem)
        errors.append(file.problem(f"not valid YAML{where}: {reason}"))
    except _BadText as problem:
        errors.extend(file.problem(str(p)) for p in problem.problems)
    else:
        return data
    return None


def _read_capped(path: Path) -> str:
    """The file's text; FrontMatterError past ``MAX_YAML_BYTES``, read no further."""
    with path.open("rb") as handle:
        data = handle.read(MAX_YAML_BYTES + 1)
    check_size(len(data))
    return data.decode("utf-8")


class _BadText(ValueError):
    def __init__(self, problems: list[Any]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` when no text in it holds a control character or surrogate; else _BadText.

    Line breaks are left to the field rules (a folded description ends with one).
    """
    problems = text_problems(data, multiline=frozenset(data))
    if problems:
        raise _BadText(problems)
    return data
