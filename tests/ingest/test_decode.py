"""decode_bytes: every encoding the archive meets, and a reason for everything else."""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest

from newsarchive.ingest.decode import decode_bytes, legacy_encoding
from newsarchive.ingest.errors import IngestError

RAW = Path(__file__).parent.parent / "fixtures" / "raw"
SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"

KOREAN = "북한이 동해상으로 단거리 발사체를 발사했다고 합동참모본부가 밝혔다."
# Syllables outside EUC-KR's 2,350: only CP949 (or EUC-KR make-up sequences) has them.
CP949_ONLY = "똠방각하 뷁"


def test_utf8_seed_with_korean_footer_decodes_unchanged():
    data = (SEEDS / "002_0324224dfd6ad1cb.txt").read_bytes()
    text = decode_bytes(data)
    assert text == data.decode("utf-8")
    assert text.endswith("무단전재 및 재배포 금지")


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Seoul said") == "Seoul said"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    text = f"Seoul {KOREAN}"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data) == text


def test_utf16_fixture():
    text = decode_bytes((RAW / "utf16_bom.txt").read_bytes())
    assert text.startswith("Seoul says it will keep talking\n")


def test_cp949_fixture_keeps_cp949_only_syllables():
    text = decode_bytes((RAW / "cp949_korean.txt").read_bytes())
    assert "북한이 8일 동해상으로" in text
    assert CP949_ONLY in text
    assert "\ufffd" not in text


def test_euc_kr_fixture():
    text = decode_bytes((RAW / "euckr_korean.txt").read_bytes())
    assert text.startswith("남북한은 다음 주 판문점에서")
    assert "ⓒ 연합뉴스" in text


@pytest.mark.parametrize("encoding", ["cp949", "euc_kr"])
def test_korean_legacy_encodings_never_give_mojibake(encoding):
    assert decode_bytes(KOREAN.encode(encoding)) == KOREAN


def test_short_korean_is_not_taken_for_big5():
    # charset-normalizer alone guesses Big5 for these four bytes.
    assert decode_bytes("북한".encode("cp949")) == "북한"


def test_euc_kr_make_up_sequences_are_composed():
    # Python's euc_kr writes 똠 as a filler plus three jamo; cp949 would show the jamo.
    data = CP949_ONLY.encode("euc_kr")
    assert b"\xa4\xd4" in data
    assert decode_bytes(data) == CP949_ONLY


def test_johab_is_decoded_as_johab_not_cp949():
    text = "남북 정상은 판문점에서 만나 평화 협정을 논의했다고 청와대가 밝혔다."
    assert decode_bytes(text.encode("johab")) == text


def test_western_legacy_text():
    text = "Le café de Pyongyang a rouvert, a déclaré l'agence mercredi."
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "only white space"),
        ("\u00a0\u3000\u200b\n".encode(), "only white space"),
        (codecs.BOM_UTF8 + b"   ", "only white space"),
        (b"PK\x03\x04\x00\x00binary", "binary data (NUL bytes)"),
        (b"\x01\x02\x03\x04 text \x05\x06\x07\x08", "binary data (control characters)"),
        (b"a" * 3_100_000, "too large: 3.1 MB, limit 2.0 MB"),
        (b"a" * 2_000_001, "too large: 2,000,001 bytes, limit 2,000,000 bytes"),
    ],
)
def test_refusals_carry_a_short_reason(data, reason):
    with pytest.raises(IngestError) as caught:
        decode_bytes(data)
    assert str(caught.value) == reason
    assert caught.value.reason == reason


def test_undecodable_reason():
    with pytest.raises(IngestError, match=r"^undecodable: "):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate


def test_limit_is_configurable():
    assert decode_bytes(b"abc", max_bytes=3) == "abc"
    with pytest.raises(IngestError, match="too large"):
        decode_bytes(b"abcd", max_bytes=3)


def test_ingest_error_is_a_value_error():
    with pytest.raises(ValueError):
        decode_bytes(b"")


def test_random_bytes_never_raise_anything_but_ingest_error():
    rng = random.Random(20191007)
    samples = [
        bytes(rng.randrange(256) for _ in range(rng.choice((1, 2, 7, 64, 500)))) for _ in range(300)
    ]
    korean = KOREAN.encode("cp949")
    for _ in range(100):
        damaged = bytearray(korean)
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        samples.append(bytes(damaged))
    for data in samples:
        try:
            text = decode_bytes(data)
        except IngestError as exc:
            assert str(exc)
        else:
            assert isinstance(text, str)
            assert text.strip()


def test_random_long_binary_is_refused():
    rng = random.Random(7)
    for _ in range(20):
        with pytest.raises(IngestError):
            decode_bytes(bytes(rng.randrange(256) for _ in range(2000)))


# --- stray control bytes, and the encoding of a corpus's non-UTF-8 lines ------------------

NEWS = "Seoul said on Monday that the talks in Panmunjom would resume next week. " * 4


def test_a_stray_nul_or_bell_is_text_for_ingest_to_clean():
    # Ingest removes control characters and says how many; only a text full of them is binary.
    text = NEWS.replace("Monday", "Mon\x00day", 1).replace("talks", "talks\x07", 1)
    assert decode_bytes(text.encode()) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x00\x00" + NEWS.encode()[:60], "binary data (NUL bytes)"),
        (bytes(range(256)) * 4, "binary data (control characters)"),
    ],
)
def test_control_bytes_beyond_a_share_are_binary(data, reason):
    with pytest.raises(IngestError, match=rf"^{re.escape(reason)}$"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (KOREAN, "cp949", "cp949"),
        (KOREAN, "euc_kr", "cp949"),
        ("Le café de Pyongyang a rouvert mercredi, a déclaré l'agence.", "cp1252", "cp1252"),
        ("Señor Kim visitó Pyongyang el martes.", "latin-1", "cp1252"),
    ],
)
def test_legacy_encoding_of_corpus_lines(text, encoding, expected):
    data = "\n".join([text] * 3).encode(encoding)
    assert legacy_encoding(data) == expected
    assert data.decode(expected) == "\n".join([text] * 3)


def test_legacy_encoding_refuses_what_no_encoding_fits():
    with pytest.raises(IngestError, match=r"^undecodable: "):
        legacy_encoding(bytes(range(0x80, 0x100)) * 2)
