"""The one error the ingest step raises for input it refuses."""

from __future__ import annotations


class IngestError(ValueError):
    """Raw input the archive cannot take; the message is a short reason for the user.

    It subclasses ``ValueError`` so callers that only know the standard library
    still catch it, while ``invoke ingest`` can report the reason and go on with
    the next file.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
