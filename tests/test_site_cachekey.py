"""The content cache's key (newsarchive.site.cachekey): what a cached reading depends on."""

from __future__ import annotations

from pathlib import Path

from newsarchive.site.cachekey import fingerprint, prune


def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "entities").mkdir(parents=True)
    (folder / "entities" / "kim-jong-un.yaml").write_text("name: Kim Jong Un\n", encoding="utf-8")
    return folder


def test_the_key_changes_with_the_registries_the_code_and_the_settings(tmp_path: Path) -> None:
    folder = content(tmp_path)
    code = tmp_path / "code"
    code.mkdir()
    (code / "reader.py").write_text("RULE = 1\n", encoding="utf-8")
    settings = {"PATH": str(folder), "TIMEZONE": "Asia/Seoul"}
    key = fingerprint(settings, [code])
    assert len(key) == 16 and key == fingerprint(settings, [code])
    (code / "notes.txt").write_text("not code\n", encoding="utf-8")
    assert fingerprint(settings, [code]) == key
    (folder / "entities" / "moon-jae-in.yaml").write_text("name: Moon\n", encoding="utf-8")
    with_entity = fingerprint(settings, [code])
    assert with_entity != key
    (code / "reader.py").write_text("RULE = 2\n", encoding="utf-8")
    assert fingerprint(settings, [code]) != with_entity
    assert fingerprint({**settings, "TIMEZONE": "UTC"}, [code]) != fingerprint(settings, [code])


def test_an_alias_keeps_the_key_and_a_broken_registry_does_not(tmp_path: Path) -> None:
    """A reading checks an article's ids against the registry's: names do not change it."""
    folder = content(tmp_path)
    settings = {"PATH": str(folder)}
    registry = folder / "entities" / "kim-jong-un.yaml"
    entry = "name: Kim Jong Un\ntype: person\ndescription: Leader.\n"
    registry.write_text(entry, encoding="utf-8")
    key = fingerprint(settings, [])
    registry.write_text(entry + "aliases: [Kim Jong Eun]\n", encoding="utf-8")
    assert fingerprint(settings, []) == key
    registry.write_text("name: [not, a, name]\n", encoding="utf-8")
    broken = fingerprint(settings, [])
    assert broken != key
    registry.write_text("name: [still, not, a, name]\n", encoding="utf-8")
    assert fingerprint(settings, []) not in (key, broken)  # each broken state its own
    registry.write_text(entry, encoding="utf-8")
    assert fingerprint(settings, []) == key


def test_prune_removes_only_the_other_fingerprint_folders(tmp_path: Path) -> None:
    for name in ("0123456789abcdef", "fedcba9876543210", "keep-me", "ABCDEF0123456789"):
        (tmp_path / name).mkdir()
    prune(tmp_path, "0123456789abcdef")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "0123456789abcdef",
        "ABCDEF0123456789",
        "keep-me",
    ]
    prune(tmp_path / "absent", "0123456789abcdef")
