"""Synonym files: groups of words the search treats as one, and the rules they keep.

``content/synonyms/<id>.yaml`` holds one list of groups, with a line saying what they
are for::

    description: The two Koreas by their initials and their names.
    groups:
    - [DPRK, North Korea, Democratic People's Republic of Korea]
    - [ROK, South Korea, Republic of Korea]

Rules:

* ``groups`` is a non-empty list; each group a list of at least two distinct words or
  phrases of at least two characters, one line each.
* No word is in two groups, in one file or across files (compared as the matcher
  compares names, ``matching.alias_key``): the search would chain the groups into one
  without anyone having chosen it.
* The id is the file name: lower-case letters, digits and hyphens.

The search adds, to an article holding a word of a group, the group's other words
(``newsarchive.search.documents.Synonyms``), so a query for any of them finds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsarchive.content.matching import alias_key
from newsarchive.content.registry.fields import check_fields, required_text
from newsarchive.content.registry.model import SYNONYM_FIELDS, File, Problems, SynonymList
from newsarchive.content.slugs import slugify


def synonyms_from(file: File, data: dict[str, Any], errors: Problems) -> SynonymList | None:
    before = len(errors)
    check_fields(file, data, SYNONYM_FIELDS, errors)
    description = required_text(file, data, "description", errors)
    groups = _groups(file, data.get("groups"), errors)
    if slugify(file.path.stem) != file.path.stem:
        errors.append(
            file.problem(
                "expected a file name of lower-case letters, digits and hyphens, "
                f"such as {slugify(file.path.stem) or 'korea-names'}.yaml"
            )
        )
    if len(errors) > before or description is None:
        return None
    return SynonymList(id=file.path.stem, description=description, groups=groups)


def _groups(file: File, value: Any, errors: Problems) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not value:
        errors.append(
            file.problem(f"groups: expected a non-empty list of word lists, got {value!r}")
        )
        return ()
    return tuple(
        group
        for index, item in enumerate(value)
        if (group := _group(file, f"groups[{index}]", item, errors))
    )


def _group(file: File, label: str, item: Any, errors: Problems) -> tuple[str, ...]:
    """One group: two or more distinct one-line words or phrases."""
    if not isinstance(item, list) or len(item) < 2:
        errors.append(file.problem(f"{label}: expected a list of at least two words, got {item!r}"))
        return ()
    words: list[str] = []
    seen: set[str] = set()
    for index, word in enumerate(item):
        text = word.strip() if isinstance(word, str) else ""
        if len(alias_key(text)) < 2 or "\n" in text:
            errors.append(
                file.problem(
                    f"{label}[{index}]: expected a one-line word of at least two characters, "
                    f"got {word!r}"
                )
            )
        elif alias_key(text) in seen:
            errors.append(file.problem(f"{label}[{index}]: {text!r} is already in this group"))
        else:
            seen.add(alias_key(text))
            words.append(text)
    return tuple(words)


def check_synonym_overlaps(
    lists: Iterable[SynonymList], files: dict[str, File], errors: Problems
) -> None:
    """A word in two groups would merge them: each second use is named, with the first."""
    first: dict[str, tuple[str, int]] = {}
    for synonyms in lists:
        for index, group in enumerate(synonyms.groups):
            for word in group:
                where = first.setdefault(alias_key(word), (synonyms.id, index))
                if where != (synonyms.id, index):
                    other = files[where[0]].label
                    errors.append(
                        files[synonyms.id].problem(
                            f"groups[{index}]: {word!r} is already in groups[{where[1]}] "
                            f"of {other}; a word may be in one group only"
                        )
                    )
