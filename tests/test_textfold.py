"""Character folding shared by ingest's name matching and the search tokenizer."""

import pytest

from newsarchive.content.textfold import CharReplacer, fold_case


def test_each_listed_character_is_replaced_wherever_it_occurs() -> None:
    fold = CharReplacer({"ß": "ss", "’": "'", "æ": "ae"})
    assert fold("Straße’s æther’s") == "Strasse's aether's"
    assert fold("plain ascii") == "plain ascii"


def test_a_replacement_holding_a_replaced_character_is_refused() -> None:
    # Its result would depend on the order the characters are replaced in.
    with pytest.raises(ValueError, match="replacement"):
        CharReplacer({"a": "b", "b": "c"})


def test_case_folding_keeps_every_offset() -> None:
    text = "İstanbul KIM"
    assert len(fold_case(text)) == len(text)
    assert fold_case(text).endswith("stanbul kim")
