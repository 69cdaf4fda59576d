"""Who a text credits: datelines, bylines, end credits and copyright footers.

Everything recognised here is metadata and leaves the running text. Agencies
are reported under one canonical name (``Yonhap News Agency``, ``연합뉴스``
and ``(Yonhap)`` are all ``Yonhap``) so that "source" and "publisher" can be
compared. The caller looks for credit lines only above and below the running text.

Modules, by what they recognise (each states its rules):

* ``agencies``: canonical agency names, a line that is only an agency's credit;
* ``datelines``: ``SEOUL, Oct. 8 (Yonhap) --`` opening a lede;
* ``bylines``: ``By Kim Soo-yeon (kimsy@yna.co.kr)``, signatures, roles, e-mail lines;
* ``credit_lines``: any line that is only a credit (``match_credit``): bylines, wire
  staff credits, credit fields, contact and contributor lines;
* ``endings``: copyright footers, end marks, credits glued to the last paragraph.

May import: ``newsarchive.content`` (names, sentences) and ``newsarchive.ingest.dates``.
"""

from newsarchive.ingest.credits.agencies import canonical_agency, match_credit_line, outlet_name
from newsarchive.ingest.credits.bylines import (
    Byline,
    is_email_line,
    match_byline,
    match_role_line,
    match_signature,
)
from newsarchive.ingest.credits.credit_lines import match_credit
from newsarchive.ingest.credits.datelines import Dateline, match_dateline
from newsarchive.ingest.credits.endings import (
    TrailingCredits,
    is_end_mark,
    match_footer,
    strip_trailing_credits,
)

__all__ = [
    "Byline",
    "Dateline",
    "TrailingCredits",
    "canonical_agency",
    "is_email_line",
    "is_end_mark",
    "match_byline",
    "match_credit",
    "match_credit_line",
    "match_dateline",
    "match_footer",
    "match_role_line",
    "match_signature",
    "outlet_name",
    "strip_trailing_credits",
]
