"""Tag files: their rules, weights and score, checked so that ingest can run every rule.

Rules beyond the field shapes (``fields``):

* ``match`` is a non-empty list of rules: texts (weight 1) or mappings with ``rule``
  and ``weight`` (``WEIGHT_RANGE``); ``min_score`` is within ``MIN_SCORE_RANGE``.
* Every rule, ``not`` rules included, compiles (``tagrules.compile_rule``): in the
  syntax, and safe to run on any text, so ``invoke check`` refuses what ingest could
  not run.
* A ``not`` rule may not repeat a ``match`` rule: an unquoted ``- juche #`` reads as
  ``juche`` in YAML, and would cancel every hit of it.
"""

from __future__ import annotations

from typing import Any

from newsarchive.content.registry.fields import (
    check_fields,
    check_id,
    optional_number,
    required_text,
    string_list,
)
from newsarchive.content.registry.model import (
    DEFAULT_MIN_SCORE,
    MIN_SCORE_RANGE,
    RULE_FIELDS,
    TAG_FIELDS,
    WEIGHT_RANGE,
    File,
    Problems,
    Tag,
    TagRule,
)
from newsarchive.content.tagging import compile_rule


def tag_from(file: File, data: dict[str, Any], errors: Problems) -> Tag | None:
    before = len(errors)
    check_fields(file, data, TAG_FIELDS, errors)
    name = required_text(file, data, "name", errors)
    description = required_text(file, data, "description", errors)
    rules = _tag_rules(file, data, errors)
    not_rules = string_list(file, data, "not", errors, required=False)
    min_score = optional_number(file, data, "min_score", MIN_SCORE_RANGE, errors)
    if name is not None:
        check_id(file, name, errors)
    _check_not_rules(file, rules, not_rules, errors)
    if len(errors) > before:
        return None
    return Tag(
        id=file.path.stem,
        name=name,
        description=description,
        match=rules,
        not_rules=not_rules,
        min_score=DEFAULT_MIN_SCORE if min_score is None else min_score,
    )


def _tag_rules(file: File, data: dict[str, Any], errors: Problems) -> tuple[TagRule, ...]:
    """``match``: rules as text (weight 1) or as mappings with ``rule`` and ``weight``."""
    value = data.get("match")
    if value is None:
        errors.append(file.problem("match: missing; expected a non-empty list of rules"))
        return ()
    if not isinstance(value, list) or not value:
        errors.append(file.problem(f"match: expected a non-empty list of rules, got {value!r}"))
        return ()
    rules = []
    for index, item in enumerate(value):
        rule = _tag_rule(file, f"match[{index}]", item, errors)
        if rule is not None:
            rules.append(rule)
    return tuple(rules)


def _tag_rule(file: File, label: str, item: Any, errors: Problems) -> TagRule | None:
    """One ``match`` item, checked; None (and a problem) when it is wrong."""
    before = len(errors)
    text, weight = item, 1.0
    if isinstance(item, dict):
        for key in item:
            if key not in RULE_FIELDS:
                errors.append(
                    file.problem(f"{label}: unexpected field {key!r}; expected only rule, weight")
                )
        text = item.get("rule")
        weight = optional_number(file, item, "weight", WEIGHT_RANGE, errors, label)
    if not isinstance(text, str) or not text.strip():
        errors.append(
            file.problem(
                f"{label}: expected a rule, or a mapping with rule and weight, got {item!r}"
            )
        )
    elif _valid_rule(file, label, text, errors) and len(errors) == before:
        return TagRule(text.strip(), 1.0 if weight is None else weight)
    return None


def _valid_rule(file: File, label: str, rule: str, errors: Problems) -> bool:
    """A rule ingest can run: in the syntax, and safe to run on any text (``compile_rule``)."""
    try:
        compile_rule(rule)
    except ValueError as problem:
        errors.append(file.problem(f"{label}: {problem}"))
        return False
    return True


def _check_not_rules(
    file: File, rules: tuple[TagRule, ...], not_rules: tuple[str, ...], errors: Problems
) -> None:
    """``not`` rules follow the rule syntax, and none may cancel a match rule outright.

    An unquoted ``- juche #`` reads as ``juche`` in YAML (the ``#`` starts a
    comment): as a ``not`` rule it would silently remove every hit of ``juche``.
    """
    plain = {rule.rule.lower() for rule in rules}
    for index, rule in enumerate(not_rules):
        label = f"not[{index}]"
        if not _valid_rule(file, label, rule, errors):
            continue
        if rule.lower() in plain:
            errors.append(
                file.problem(
                    f"{label}: {rule!r} is also a match rule, so it would cancel every hit of "
                    "it; a rule with '#' must be quoted (\"juche #\"), since YAML reads an "
                    "unquoted ' #' as the start of a comment"
                )
            )
