"""normalize, repair_glue and split_flattened_paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.ingest.clean import normalize, repair_glue, split_flattened_paragraphs

FIXTURES = Path(__file__).parent.parent / "fixtures"
RIGHT_QUOTE = "\u2019"


# --- normalize ------------------------------------------------------------------


def test_line_ends_become_lf():
    assert normalize("one\r\ntwo\rthree\n") == "one\ntwo\nthree"


def test_crlf_fixture_keeps_its_blank_lines():
    text = normalize((FIXTURES / "raw" / "crlf_headline.txt").read_bytes().decode("utf-8"))
    assert "\r" not in text
    assert text.startswith("Koreas agree to resume family reunions\n\nSEOUL, Aug. 20")


def test_odd_spaces_become_spaces_and_invisible_characters_go():
    text = "\ufeffKim\u00a0Jong\u202fUn\u3000met\u2009Moon\u200b in\u200d Pyong\u00adyang\u2060."
    assert normalize(text) == "Kim Jong Un met Moon in Pyongyang."


def test_control_characters_go_but_line_breaks_stay():
    assert normalize("a\x00b\x07c\td\x1b\ne") == "abc d\ne"


def test_html_tags_and_entities():
    text = normalize((FIXTURES / "raw" / "html_remnants.txt").read_text(encoding="utf-8"))
    assert "<" not in text and "&" not in text.replace(" & ", "")
    assert f"North Korea{RIGHT_QUOTE}s leader visited a farm & a factory" in text
    assert "state media said Saturday." in text
    assert "The visit was his first in a month.\nOfficials accompanied him." in text


def test_paragraph_tags_become_blank_lines():
    assert normalize("<p>One.</p><p>Two.</p>") == "One.\n\n\n\nTwo."
    assert normalize("One.<br/>Two.<BR>Three.") == "One.\nTwo.\nThree."


def test_script_comments_and_unknown_tags_are_removed():
    text = "<script>var x = 1 < 2;</script><!-- ad --><span class='x'>Seoul</span> said"
    assert normalize(text) == "Seoul said"


def test_lone_angle_brackets_and_escaped_markup_survive_as_text():
    assert normalize("a < b and c > d") == "a < b and c > d"
    assert normalize("&lt;p&gt; is a tag") == "<p> is a tag"
    assert normalize("<저작권자(c) 연합뉴스>") == "<저작권자(c) 연합뉴스>"


def test_nfc_and_curly_quotes_kept():
    decomposed = "Se\u0301oul \u1112\u1161\u11ab"  # e + combining acute; Hangul jamo of 한
    assert normalize(decomposed) == "S\u00e9oul \ud55c"
    curly = "\u201cWe will,\u201d he said. It\u2019s done."
    assert normalize(curly) == curly


def test_trailing_spaces_and_edge_blank_lines_go():
    assert (
        normalize("\n\n  date 2018-12-18 NATIONAL   \n\nText.  \n\n\n")
        == "  date 2018-12-18 NATIONAL\n\nText."
    )


@pytest.mark.parametrize("seed", sorted((FIXTURES / "seeds").iterdir()), ids=lambda p: p.name[:3])
def test_normalize_is_idempotent_on_the_seeds(seed):
    once = normalize(seed.read_text(encoding="utf-8"))
    assert normalize(once) == once


def test_seed_curly_apostrophe_survives():
    text = normalize((FIXTURES / "seeds" / "004_66c54795a55e128f.txt").read_text(encoding="utf-8"))
    assert f"the North{RIGHT_QUOTE}s dilapidated rail tracks" in text


# --- repair_glue ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("the ministry added.The meetings come", "the ministry added. The meetings come"),
        (
            'it will "block the path forever -- a result desired by no one."South Korea has',
            'it will "block the path forever -- a result desired by no one." South Korea has',
        ),
        ('He said."I plan to go," he added.', 'He said. "I plan to go," he added.'),
        ("no one.\u201dSouth Korea", "no one.\u201d South Korea"),
        ("he said.\u201cWe will", "he said. \u201cWe will"),
        ("respected Supreme LeaderKim Jong Un.", "respected Supreme Leader Kim Jong Un."),
        ("General SecretaryKim Jong Il said", "General Secretary Kim Jong Il said"),
        ("by Kim Jong Un.He stressed", "by Kim Jong Un. He stressed"),
        ("the etc.Rodong Sinmun", "the etc. Rodong Sinmun"),
        ("virtues.O Su Yong said", "virtues. O Su Yong said"),
        ("the U.S.President said", "the U.S. President said"),
        ("at 10 a.m.The meeting", "at 10 a.m. The meeting"),
        ("in 2010.This year", "in 2010. This year"),
        ("Sri Lanka D.M.Jayaratne", "Sri Lanka D.M. Jayaratne"),
        ("Is it war?No, it is not!Yes.", "Is it war? No, it is not! Yes."),
        ("Mr.Kim arrived.", "Mr. Kim arrived."),
    ],
)
def test_repair_glue_splits(glued, repaired):
    assert repair_glue(glued) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and the U.N. met in Washington, D.C. on Oct. 7.",
        "Growth was 3.5 percent under rule No.1 in N. Korea.",
        "McDonald, MacArthur, McCain and ElBaradei saw the YouTube clip on an iPhone.",
        "DPRK and KCNA reports, WikiLeaks cables and JoongAng Ilbo columns.",
        "He has a Ph.D. from Seoul.",
        "Visit www.Example.Com or mail info@Rodong.Rep.Kp today.",
        "Los EE.UU. y Corea.",
        "He said isGeneral once.",
        "A MoU was signed; pH 7 and 1,000 kWh.",
    ],
)
def test_repair_glue_leaves_these_alone(text):
    assert repair_glue(text) == text


def test_repair_glue_on_seed_000_paragraph():
    text = (FIXTURES / "seeds" / "000_ddf39e30f6a337f9.txt").read_text(encoding="utf-8")
    glued = next(line for line in text.splitlines() if "added.The" in line)
    repaired = repair_glue(glued)
    for joint in (
        "the ministry added. The meetings come",
        "Pyongyang and Washington. President Donald Trump",
        'desired by no one." South Korea has',
        "inter-Korean cooperation. The two Koreas",
    ):
        assert joint in repaired
    # Eight glued joints, eight spaces added, nothing else changed.
    assert len(repaired) - len(glued) == 8
    assert repaired.replace(" ", "") == glued.replace(" ", "")


# --- split_flattened_paragraphs -------------------------------------------------


def test_kcna_markers_become_blank_lines():
    flat = (
        "General Secretary Kim Jong Il sent a message., ,  The message said:, ,  "
        "I extend warm congratulations. , , ,  , , , , , , , , ,"
    )
    assert split_flattened_paragraphs(flat) == (
        "General Secretary Kim Jong Il sent a message.\n\nThe message said:\n\n"
        "I extend warm congratulations."
    )


def test_single_comma_markers_after_a_stop():
    flat = 'on Saturday.,  The focus was off Sendai. "We Will Win".,  The title. Wednesday., The guests left.'
    assert split_flattened_paragraphs(flat).split("\n\n") == [
        "on Saturday.",
        'The focus was off Sendai. "We Will Win".',
        "The title. Wednesday.",
        "The guests left.",
    ]


def test_ordinary_commas_after_abbreviations_stay():
    text = "Denmark, the U.S., UK and Canada. Jiji Press Ltd., Deputy Head Ito. The C.C., the WPK."
    assert split_flattened_paragraphs(text) == text


def test_mid_sentence_markers_rejoin_the_sentence():
    flat = "Seven civilians, including , , six children, were killed."
    assert (
        split_flattened_paragraphs(flat) == "Seven civilians, including six children, were killed."
    )


def test_kcna_fixture():
    flat = (FIXTURES / "raw" / "kcna_flattened.txt").read_text(encoding="utf-8")
    paragraphs = split_flattened_paragraphs(normalize(flat)).split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Pyongyang, December 1 (KCNA) -- A delegation")
    assert paragraphs[-1] == "The delegation will tour cultural sites."


def test_text_without_markers_is_unchanged():
    text = "One paragraph.\n\nAnother, with commas, one."
    assert split_flattened_paragraphs(text) == text
