"""Messages made safe to print: no input can move the cursor, split a line, or issue a command.

Every message `invoke check`, the build and ingest print may quote what a
contributor wrote (a field name, a value, a file name), and a terminal or a CI
log acts on some characters instead of showing them. The rules:

- ``printable`` shows every character that is not text as a Python-style escape:
  C0 and C1 controls and DEL (``\\x1b``, ``\\n``, ``\\t``), unpaired surrogates
  (``\\ud800``, which cannot even be written as UTF-8), the Unicode line and
  paragraph separators and the bidirectional overrides and isolates (``\\u202e``),
  which reorder or split what a reader sees. A message is then always one line,
  and a value holding ``\\n::error::…`` cannot reach a GitHub Actions log as a
  workflow command of its own. The runner also reads a command from a line that
  starts with ``::`` after its leading spaces (a log printer that wraps lines
  can put any word there) and from ``##[`` anywhere in a line (the legacy form),
  so those are shown as ``:\\x3a`` and ``##\\x5b``. Backslashes are left as they
  are, so applying it twice changes nothing.
- ``workflow_data`` and ``workflow_property`` escape a GitHub workflow command's
  message and property values as GitHub documents (its toolkit's ``escapeData``
  and ``escapeProperty``): ``%`` as ``%25``, CR as ``%0D``, LF as ``%0A``, and in a
  property also ``:`` as ``%3A`` and ``,`` as ``%2C``. Other control characters are
  shown as by ``printable``, and so is ``##[`` (the runner reads a command's line
  as the modern form first, but nothing is left to that order).
"""

from __future__ import annotations

import re

_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Controls (C0, DEL, C1), line/paragraph separators, bidi embeddings, overrides and
# isolates, and surrogates.
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_HIDDEN_BUT_LINE_BREAKS = re.compile(
    r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` on one line, every hidden character escaped, no workflow command possible."""
    shown = _HIDDEN.sub(_escaped, text)
    return shown.replace("::", ":\\x3a").replace("##[", "##\\x5b")


def workflow_data(text: str) -> str:
    """A workflow command's message (after the last ``::``), escaped as GitHub documents."""
    shown = _HIDDEN_BUT_LINE_BREAKS.sub(_escaped, text).replace("##[", "##\\x5b")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A workflow command's property value (``file=``, ``title=``), escaped as GitHub documents."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
