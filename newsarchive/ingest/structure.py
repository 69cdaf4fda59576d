"""Raw text to stories: metadata out of the body, then one article or several briefs.

Paragraphs are separated by blank lines; a single line break also starts a
new paragraph, except when it only wraps a sentence (the line before has no
final stop and the next starts in lower case, or the line before ends in a
comma or hyphen). Any number of blank lines counts as one.

What leaves the running text:

* leading lines: header (``date 2018-12-18 NATIONAL``), stamps, byline,
  and a headline (see ``titles.is_headline``), in any order;
* anywhere: stamp lines (``Published : ...``, ``입력 ...``) and copyright
  footer lines, whose outlet becomes the publisher;
* trailing lines: end marks (``(END)``, ``-0-``, e-mail lines), credit lines
  (``(Yonhap)``, ``/ Yonhap``), bylines;
* the dateline at the start of the lede (place, and agency as source);
* photo captions (``captions.is_caption``), kept in ``Story.captions``;
* credits at the end of the last paragraph (``(Yonhap)``, ``(END)``, Rodong
  Sinmun's closing name).

Date: header, else stamp, else a dated caption checked against the lede's
weekday (``dates.date_from_captions``), else None. Source: dateline agency,
else a byline's or credit line's agency, else the credit ending the last
paragraph, else an agency named by the copyright footer. Publisher: the
footer's outlet, when it is not the source itself.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from itertools import pairwise

from newsarchive.ingest.captions import is_caption
from newsarchive.ingest.clean import collapse_spaces, normalize, repair_glue
from newsarchive.ingest.credits import (
    canonical_agency,
    is_end_mark,
    match_byline,
    match_credit_line,
    match_dateline,
    match_footer,
    strip_trailing_credits,
)
from newsarchive.ingest.dates import date_from_captions, match_header, match_stamp
from newsarchive.ingest.digest import looks_like_digest
from newsarchive.ingest.errors import IngestError
from newsarchive.ingest.story import Story
from newsarchive.ingest.titles import clean_headline, is_headline

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


def parse_raw(text: str, *, digest: bool | None = None, headline: bool = True) -> list[Story]:
    """Split raw news text into stories; ``digest`` forces or forbids the digest split.

    ``headline=False`` keeps a first line that looks like a headline in the
    running text, for records whose title is known from elsewhere (corpora).
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
        return [_story(units, meta, part=None)]
    return [_story(group, meta, part=number) for number, group in enumerate(groups, start=1)]


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
    return not _SENTENCE_STOP_END.search(previous) and (line[0].islower() or line[0].isdigit())


# --- metadata lines -------------------------------------------------------------


def _take_leading(units: list[_Unit], meta: _Meta, *, headline: bool) -> list[_Unit]:
    start = 0
    while start < len(units):
        text = units[start].text
        if _take_line(text, meta, header=True):
            start += 1
            continue
        byline = match_byline(text)
        if byline is not None:
            meta.author = meta.author or byline.author
            meta.source = meta.source or byline.agency
            meta.furniture = True
            start += 1
            continue
        if headline and meta.title is None and _is_headline_unit(units, start):
            meta.title = clean_headline(text)
            start += 1
            continue
        break
    return units[start:]


def _is_headline_unit(units: list[_Unit], index: int) -> bool:
    unit = units[index]
    alone = all(u.block != unit.block for i, u in enumerate(units) if i != index)
    more_follows = any(u.block > unit.block for u in units[index + 1 :])
    return alone and more_follows and is_headline(unit.text)


def _take_trailing(units: list[_Unit], meta: _Meta) -> list[_Unit]:
    end = len(units)
    while end > 0:
        text = units[end - 1].text
        if _take_line(text, meta, header=False):
            end -= 1
            continue
        if is_end_mark(text):
            meta.furniture = True
            end -= 1
            continue
        agency = match_credit_line(text)
        byline = match_byline(text) if agency is None else None
        if agency is None and byline is None:
            break
        meta.source = meta.source or agency or (byline.agency if byline else None)
        if byline is not None:
            meta.author = meta.author or byline.author
        meta.furniture = True
        end -= 1
    return units[:end]


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


def _story(units: list[_Unit], meta: _Meta, *, part: int | None) -> Story:
    paragraphs = [repair_glue(collapse_spaces(u.text)) for u in units]
    source, author, place = meta.source, meta.author, None

    dateline = match_dateline(paragraphs[0])
    if dateline is not None:
        place, source = dateline.place, dateline.agency or source
        author = author or dateline.author
        paragraphs[0] = dateline.rest.strip()

    running, captions = _separate_captions(
        paragraphs, units, opens_with_dateline=dateline is not None
    )
    if running:
        trailing = strip_trailing_credits(running[-1])
        running[-1] = trailing.text
        source = source or trailing.agency
        author = author or trailing.author
        running = [p for p in running if p]
    if not running:
        raise IngestError("no running text")

    date, basis = meta.date()
    if date is None:
        date = date_from_captions(captions, running[0])
        basis = "caption+weekday" if date is not None else ""
    if source is None and meta.publisher is not None and canonical_agency(meta.publisher):
        source = meta.publisher
    publisher = meta.publisher if meta.publisher != source else None
    return Story(
        title=meta.title if part is None else None,
        paragraphs=tuple(running),
        captions=tuple(captions),
        date=date,
        date_basis=basis,
        source=source,
        publisher=publisher,
        author=author,
        section=meta.section,
        dateline=place,
        kind="article" if part is None else "brief",
        part=part,
    )


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
