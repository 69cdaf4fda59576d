# Over 400 lines in one piece on purpose: ``parse_raw`` is one pipeline (units, leading and
# trailing metadata, digests, one story) whose steps share one ``_Meta`` record and the order
# in which lines are claimed; the recognisers it calls live apart (credits/, dates, captions,
# titles).
"""Raw text to stories: metadata out of the body, then one article or several briefs.

Paragraphs are separated by blank lines; a single line break also starts a
new paragraph, except when it only wraps a sentence (the line before has no
final stop and the next starts in lower case or a digit, or the line before
ends in a comma or hyphen). A line that is only a date or a stamp never wraps.
Any number of blank lines counts as one.

What leaves the running text:

* leading lines: header (``date 2018-12-18 NATIONAL``), stamps, date lines
  (``Tuesday, 20 August 2024``), credit lines (bylines, ``Associated Press``
  or ``Staff Reporter`` under a byline, e-mail lines), and a headline (see
  ``titles.is_headline``), in any order. A headline may share its block with
  such lines, and is also recognised right above a lede that opens with a
  dateline;
* anywhere: stamp lines (``Published : ...``, ``입력 ...``) and copyright
  footer lines, whose outlet becomes the publisher;
* trailing lines: end marks (``(END)``, ``-0-``, e-mail lines, ``kjm/ssy``),
  date lines, credit lines (``credits.match_credit``: ``(Yonhap)``, bylines
  with or without an e-mail, ``Reporting by ...; Editing by ...``, ``Editor:
  ...``, ``Contact the writer at ...``), and a bare name right above an
  e-mail line (``Kim Arin`` then ``arin@heraldcorp.com``). A line that is not
  wholly a credit ends the search: running text stays;
* the dateline at the start of the lede (place, agency as source, and the
  month and day as ``Story.dateline_day``);
* photo captions (``captions.is_caption``), kept in ``Story.captions``;
* a tail that repeats the body's earlier text after a credit (``repeats``: dropped,
  and counted in ``Story.repeat_dropped`` for the run's report);
* credits at the end of the last paragraph (``(Yonhap)``, ``(END)``, Rodong
  Sinmun's closing name, a whole credit glued after the last sentence).

Then a body that ran its paragraphs together gets them back, its run-in subheads
made headings (``paragraphs``: ``Story.headings``, ``Story.restored``).

Date: header, else stamp or date line, else a dateline that writes its year,
else a dated caption checked against the lede's weekday
(``dates.date_from_captions``), else None. Source: dateline agency, else a
byline's or credit line's agency, else the credit ending the last paragraph,
else an agency named by the copyright footer. Author: the first credit that
names a person. Publisher: the footer's outlet, when it is not the source itself.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from newsarchive.ingest.captions import is_caption
from newsarchive.ingest.clean import collapse_spaces, normalize, repair_glue
from newsarchive.ingest.credits import (
    Byline,
    Dateline,
    canonical_agency,
    is_email_line,
    is_end_mark,
    match_byline,
    match_credit,
    match_dateline,
    match_footer,
    match_role_line,
    match_signature,
    strip_trailing_credits,
)
from newsarchive.ingest.dates import (
    date_from_captions,
    match_date_line,
    match_header,
    match_stamp,
)
from newsarchive.ingest.digest import looks_like_digest
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.paragraphs import restore_paragraphs
from newsarchive.ingest.repeats import drop_repeated_tail
from newsarchive.ingest.story import Story
from newsarchive.ingest.titles import DANGLING_WORDS, clean_headline, is_headline

_BLANK_LINES = re.compile(r"\n{2,}")
_SENTENCE_STOP_END = re.compile(r"[.!?:;\"\u201d\u2019)\]]$")
_WRAP_END = (",", "-", "\u2013", "\u2014")
_MAX_META_LINE = 300


@dataclass(slots=True)
class _Unit:
    """One paragraph of the raw text and the blank-line block it came from."""

    block: int
    text: str
    caption: bool = False  # already known to be a photo caption


@dataclass(slots=True)
class _Meta:
    """What the lines around the running text said about the whole file."""

    header_date: datetime.date | None = None
    stamp_date: datetime.date | None = None
    section: str | None = None
    title: str | None = None
    author: str | None = None
    source: str | None = None
    publisher: str | None = None
    furniture: bool = False  # any wire furniture seen: header, stamp, byline, footer, credit

    def date(self) -> tuple[datetime.date | None, str]:
        if self.header_date is not None:
            return self.header_date, "header"
        if self.stamp_date is not None:
            return self.stamp_date, "stamp"
        return None, ""


def parse_raw(
    text: str,
    *,
    digest: bool | None = None,
    headline: bool = True,
    repair: Callable[[str], str] = repair_glue,
) -> list[Story]:
    """Split raw news text into stories; ``digest`` forces or forbids the digest split.

    ``headline=False`` keeps a first line that looks like a headline in the
    running text, for records whose title is known from elsewhere (corpora).
    ``repair`` puts back lost spaces in each story paragraph: pass a
    ``GlueRepair`` built from the registry to repair glued names too.
    Raises :class:`IngestError` when no running text is left once headers,
    credits and footers are out.
    """
    units = _units(normalize(text))
    meta = _Meta()
    units = _take_leading(units, meta, headline=headline)
    units = _take_trailing(units, meta)
    units = [u for u in units if not _take_line(u.text, meta, header=False)]
    if not units:
        raise IngestError("no running text")

    groups = _story_groups(units, meta, digest)
    if groups is None:
        return [_story(units, meta, part=None, repair=repair)]
    return [
        _story(group, meta, part=number, repair=repair)
        for number, group in enumerate(groups, start=1)
    ]


# --- units ----------------------------------------------------------------------


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for number, block in enumerate(_BLANK_LINES.split(text)):
        previous: str | None = None
        for raw_line in block.split("\n"):
            line = raw_line.strip()
            if not line:
                continue
            if previous is not None and _wraps(previous, line):
                previous = f"{previous} {line}"
                units[-1].text = previous
                continue
            units.append(_Unit(number, line))
            previous = line
    return units


def _wraps(previous: str, line: str) -> bool:
    if previous.endswith(_WRAP_END):
        return True
    if _SENTENCE_STOP_END.search(previous) or not (line[0].islower() or line[0].isdigit()):
        return False
    # "Kim visits farm" above "20 August 2024" is a headline above a date, not one sentence;
    # "The talks open on" above "20 August 2024" is one sentence.
    if line[0].isdigit() and (match_date_line(line) or match_stamp(line)):
        return previous.rsplit(" ", 1)[-1].lower() in DANGLING_WORDS
    return True


# --- metadata lines -------------------------------------------------------------


def _take_leading(units: list[_Unit], meta: _Meta, *, headline: bool) -> list[_Unit]:
    start = 0
    beside_credit = False  # the line above was a credit: "Associated Press" may follow a byline
    while start < len(units):
        text = units[start].text
        credit = None
        if not (_take_line(text, meta, header=True) or _take_date_line(text, meta)):
            credit = _credit_line(text, beside_credit=beside_credit, above_email=False)
            if credit is not None:
                _record_credit(credit, meta)
            elif is_email_line(text):
                meta.furniture = True
            elif headline and meta.title is None and _is_headline_unit(units, start):
                meta.title = clean_headline(text)
            else:
                break
        beside_credit = credit is not None
        start += 1
    return units[start:]


def _is_headline_unit(units: list[_Unit], index: int) -> bool:
    """A headline: alone in its block but for furniture, with text after; or above a dateline."""
    unit = units[index]
    if not is_headline(unit.text):
        return False
    if index + 1 < len(units) and match_dateline(units[index + 1].text) is not None:
        return True
    alone = all(
        u.block != unit.block or _is_furniture(u.text) for i, u in enumerate(units) if i != index
    )
    more_follows = any(u.block > unit.block for u in units[index + 1 :])
    return alone and more_follows


def _is_furniture(text: str) -> bool:
    """A line that is only a header, stamp, date, credit or e-mail address."""
    if len(text) > _MAX_META_LINE:
        return False
    return bool(
        match_header(text)
        or match_stamp(text)
        or match_date_line(text)
        or match_credit(text)
        or match_role_line(text)
        or is_email_line(text)
    )


def _take_trailing(units: list[_Unit], meta: _Meta) -> list[_Unit]:
    end = len(units)
    below = ""  # what the line just removed below this one was: "email", "credit" or ""
    while end > 0:
        text = units[end - 1].text
        if _take_line(text, meta, header=False) or _take_date_line(text, meta):
            below = ""
        elif is_end_mark(text):
            meta.furniture = True
            below = "email" if is_email_line(text) else ""
        else:
            beside = below == "credit" or (
                end >= 2 and match_byline(units[end - 2].text) is not None
            )
            credit = _credit_line(text, beside_credit=beside, above_email=below == "email")
            if credit is None:
                break
            _record_credit(credit, meta)
            below = "credit"
        end -= 1
    return units[:end]


def _credit_line(text: str, *, beside_credit: bool, above_email: bool) -> Byline | None:
    """The credit a whole line gives, or None.

    A role alone (``Staff Reporter``) counts only beside another credit, and a
    bare name (``Kim Arin``) only right above an e-mail line: elsewhere they
    could be a headline or a last line of text.
    """
    if len(text) > _MAX_META_LINE:
        return None
    credit = match_credit(text)
    if credit is None and beside_credit:
        credit = match_role_line(text)
    if credit is None and above_email:
        name = match_signature(text)
        credit = Byline(name, None) if name else None
    return credit


def _record_credit(credit: Byline, meta: _Meta) -> None:
    meta.author = meta.author or credit.author
    meta.source = meta.source or credit.agency
    meta.stamp_date = meta.stamp_date or credit.date
    meta.furniture = True


def _take_date_line(text: str, meta: _Meta) -> bool:
    """Record and consume a line that is only a date, above or below the story (like a stamp)."""
    found = match_date_line(text)
    if found is None:
        return False
    meta.stamp_date = meta.stamp_date or found[0]
    meta.furniture = True
    return True


def _take_line(text: str, meta: _Meta, *, header: bool) -> bool:
    """Record and consume a header, stamp or footer line; False for anything else."""
    if len(text) > _MAX_META_LINE:
        return False
    if header:
        found = match_header(text)
        if found is not None:
            meta.header_date = meta.header_date or found.date
            meta.section = meta.section or found.section
            meta.furniture = True
            return True
    stamp = match_stamp(text)
    if stamp is not None:
        meta.stamp_date = meta.stamp_date or stamp[0]
        meta.furniture = True
        return True
    outlet = match_footer(text)
    if outlet is not None:
        meta.publisher = meta.publisher or outlet or None
        meta.furniture = True
        return True
    return False


# --- digests --------------------------------------------------------------------


def _story_groups(units: list[_Unit], meta: _Meta, digest: bool | None) -> list[list[_Unit]] | None:
    """The units of each story when the text is a digest, None for one article."""
    if digest is False:
        return None
    dateline_starts = [i for i, u in enumerate(units) if match_dateline(u.text) is not None]
    if len(dateline_starts) >= 2:
        bounds = [0, *dateline_starts[1:], len(units)]
        return [units[a:b] for a, b in pairwise(bounds)]
    blocks: dict[int, list[_Unit]] = {}
    for unit in units:
        blocks.setdefault(unit.block, []).append(unit)
    groups = _attach_caption_blocks(list(blocks.values()))
    if digest:
        return groups
    if meta.furniture or dateline_starts or _ends_with_credit(units[-1].text):
        return None
    return groups if looks_like_digest([[u.text for u in g] for g in groups]) else None


def _attach_caption_blocks(groups: list[list[_Unit]]) -> list[list[_Unit]]:
    """A block holding only photo captions belongs to the story before it."""
    merged: list[list[_Unit]] = []
    for group in groups:
        if merged and all(is_caption(u.text) for u in group):
            merged[-1] = merged[-1] + [_Unit(u.block, u.text, caption=True) for u in group]
        else:
            merged.append(group)
    return merged


def _ends_with_credit(text: str) -> bool:
    trailing = strip_trailing_credits(text)
    return trailing.agency is not None or trailing.author is not None


# --- one story ------------------------------------------------------------------


def _story(
    units: list[_Unit], meta: _Meta, *, part: int | None, repair: Callable[[str], str]
) -> Story:
    paragraphs = [repair(collapse_spaces(u.text)) for u in units]
    source, author, place, day = meta.source, meta.author, None, None

    dateline = match_dateline(paragraphs[0])
    if dateline is not None:
        place, source, day = dateline.place, dateline.agency or source, dateline.month_day
        author = author or dateline.author
        paragraphs[0] = dateline.rest.strip()

    running, captions = _separate_captions(
        paragraphs, units, opens_with_dateline=dateline is not None
    )
    repeats = drop_repeated_tail(running)
    running = list(repeats.paragraphs)
    if running:
        trailing = strip_trailing_credits(running[-1])
        running[-1] = trailing.text
        source = source or trailing.agency
        author = author or trailing.author
        running = [p for p in running if p]
    if not running:
        raise IngestError("no running text")
    body = restore_paragraphs(running)

    date, basis = meta.date()
    if date is None and dateline is not None:
        date = _dateline_date(dateline)
        basis = "dateline" if date is not None else ""
    if date is None:
        date = date_from_captions(captions, running[0])
        basis = "caption+weekday" if date is not None else ""
    if source is None and meta.publisher is not None and canonical_agency(meta.publisher):
        source = meta.publisher
    publisher = meta.publisher if meta.publisher != source else None
    return Story(
        title=meta.title if part is None else None,
        paragraphs=body.paragraphs,
        captions=tuple(captions),
        date=date,
        date_basis=basis,
        source=source,
        publisher=publisher,
        author=author,
        section=meta.section,
        dateline=place,
        dateline_day=day,
        kind="article" if part is None else "brief",
        part=part,
        headings=body.headings,
        restored=body.split or bool(body.headings),
        repeat_dropped=repeats.dropped,
    )


def _dateline_date(dateline: Dateline) -> datetime.date | None:
    """The full date of a dateline that writes its year (``SEOUL, Aug 20, 2024 (AFP) -``)."""
    if dateline.year is None or dateline.month_day is None:
        return None
    try:
        return datetime.date(dateline.year, *dateline.month_day)
    except ValueError:
        return None


def _separate_captions(
    paragraphs: list[str], units: list[_Unit], *, opens_with_dateline: bool
) -> tuple[list[str], list[str]]:
    """Running text and captions; a text made only of captions keeps them as its text."""
    running: list[str] = []
    captions: list[str] = []
    last = len(paragraphs) - 1
    for index, (paragraph, unit) in enumerate(zip(paragraphs, units, strict=True)):
        if not paragraph:
            continue
        lede_with_dateline = index == 0 and opens_with_dateline
        if unit.caption or (not lede_with_dateline and is_caption(paragraph, last=index == last)):
            captions.append(paragraph)
        else:
            running.append(paragraph)
    return (running, captions) if running else (captions, [])
