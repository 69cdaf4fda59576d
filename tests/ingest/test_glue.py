"""GlueRepair and repair_glue: glued names and words get their space back, real words do not."""

from __future__ import annotations

import pytest

from newsarchive.ingest.clean import GlueRepair as ReExported
from newsarchive.ingest.glue import GlueRepair, repair_glue
from newsarchive.ingest.structure import parse_raw

# A small registry as the ingest pipeline would pass it: every name and alias as written.
NAMES = (
    "Kim Jong Un",
    "Kim Jong-un",
    "김정은",
    "Kim Il Sung",
    "Kim Il Sung University",
    "DPRK",
    "Democratic People's Republic of Korea",
    "North Korea",
    "South Korean",
    "South Koreans",
    "PyeongChang",
    "Pyeongchang",
    "Xi",
    "Xi Jinping",
    "Pyongyang",
    "UN",
    "FAO",
    "U.S.",
    "USAID",
    "Japan",
    "Japanese",
    "Esper",
    "McMaster",
    "UN Command",
)


@pytest.fixture(scope="module")
def repair() -> GlueRepair:
    return GlueRepair(NAMES)


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        # A registry name glued to the word after it...
        ("Kim Jong Unreceived the delegation.", "Kim Jong Un received the delegation."),
        ("Kim Jong-unreceived them.", "Kim Jong-un received them."),
        ("Kim Il SungUniversity students", "Kim Il Sung University students"),
        ("The DPRKhas always said so.", "The DPRK has always said so."),
        ("KIM JONG UNVISITS FARM", "KIM JONG UN VISITS FARM"),
        ("Japanand China", "Japan and China"),
        # ... or to the word before it ...
        (
            "He was receivedKim Jong Un at the airport.",
            "He was received Kim Jong Un at the airport.",
        ),
        ("the talks withXi Jinping ended", "the talks with Xi Jinping ended"),
        ("TheDPRK said", "The DPRK said"),
        ("the arrival of theU.S. envoy", "the arrival of the U.S. envoy"),
        # ... or on both sides at once.
        ("a letter ofKim Jong Unreceived today", "a letter of Kim Jong Un received today"),
        # A registry name that lost one of its own spaces.
        ("the Democratic People's Republic ofKorea", "the Democratic People's Republic of Korea"),
    ],
)
def test_glued_registry_names_are_repaired(repair, glued, repaired):
    assert repair(glued) == repaired


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("a report ofKim Jong Un visit", "a report of Kim Jong Un visit"),
        ("greeted byComrade Kim Jong Un", "greeted by Comrade Kim Jong Un"),
        ("theDPRK said", "the DPRK said"),
        (
            "Particular isGeneral Secretary Kim Jong Il's care",
            "Particular is General Secretary Kim Jong Il's care",
        ),
        ("the meeting onMonday and inApril", "the meeting on Monday and in April"),
        ("theC.C. of the party", "the C.C. of the party"),
        ("at the 15thPyongyang fair", "at the 15thPyongyang fair"),
    ],
)
def test_common_word_glued_to_a_name_is_repaired_without_a_registry(glued, repaired):
    assert repair_glue(glued) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "Unification, McDonald, YouTube, iPhone, eBay, WikiLeaks, PyeongChang and JoongAng.",
        "The DPRK's stance, Koreans and Japanese in the moonlight.",
        "Kim Jong Unwin wrote the letter.",  # Unwin is a surname
        "Kim Jong Unification is no name.",
        "Xinhua, Xiyuan and Xigang lie near Xian; Abela met Esperanza.",
        "Pyongyangites and anti-Japanese papers; the DPRKside.",
        "UNFAO, UNICEF and USAID staff flew USAir.",
        "AbeBooks, SeoulTech and VisitSeoul are brands.",
        "Songun commander and UN Command officers.",
        "H.R. McMaster met them.",
        "He said isGeneral once.",
        "toString() and getElementById are code.",
    ],
)
def test_real_words_brands_and_names_are_untouched(repair, text):
    assert repair(text) == text
    assert repair_glue(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "See http://kcna.kp/ofKim and www.rodong.rep.kp/theDPRK today.",
        "Write to ofKim@kcna.kp or follow #ofKim and #KimJongUnreceived now.",
        "The variable theDPRK_id and the call toKim(x) are code.",
        "Pyongyang, le 5 mai -- Esperamos que el Kim Jong Unrecibido y ofKim de la RPDC.",
    ],
)
def test_addresses_tags_code_and_foreign_text_are_untouched(repair, text):
    assert repair(text) == text


def test_no_split_inside_a_registry_name(repair):
    assert repair("Kim Il Sung Universityreceived them") == "Kim Il Sung University received them"
    assert repair("the PyeongChang Games") == "the PyeongChang Games"


def test_ambiguous_joints_are_left_alone(repair):
    # "South Korean spoke" or "South Koreans poke": the repairer does not guess.
    assert repair("A South Koreanspoke to them.") == "A South Koreanspoke to them."


def test_repairs_counts_the_spaces_inserted(repair):
    before = repair.repairs
    repair("ofKim Jong Unreceived the delegation.It was warm.")
    assert repair.repairs - before == 3
    repair("Nothing is glued in this sentence.")
    assert repair.repairs - before == 3
    assert isinstance(repair.repairs, int)


def test_short_and_empty_headlines(repair):
    assert repair("") == ""
    assert repair("Kim") == "Kim"
    assert repair("Kim Jong UnInspects Farm") == "Kim Jong Un Inspects Farm"


def test_a_repairer_without_names_repairs_like_repair_glue():
    plain = GlueRepair()
    text = "the ministry added.The envoy met ofKim Jong Un and Kim Jong Unreceived him."
    repaired = plain(text)
    assert repaired == repair_glue(text)
    assert (
        repaired == "the ministry added. The envoy met of Kim Jong Un and Kim Jong Unreceived him."
    )
    assert plain.repairs == 2


def test_clean_re_exports_the_repairer():
    assert ReExported is GlueRepair


def test_parse_raw_repairs_paragraphs_with_the_given_repairer(repair):
    raw = "Kim Jong Unreceived a delegation ofKim Il SungUniversity.\n\nThe DPRKhas said so."
    story = parse_raw(raw, digest=False, headline=False, repair=repair)[0]
    assert story.paragraphs == (
        "Kim Jong Un received a delegation of Kim Il Sung University.",
        "The DPRK has said so.",
    )
    plain = parse_raw(raw, digest=False, headline=False)[0]
    assert plain.paragraphs[0] == "Kim Jong Unreceived a delegation of Kim Il SungUniversity."
