"""A build never deletes files it did not write: `--output` naming a stranger's folder is
refused by name with every file left as it was; a build removes only the stale pages of the
previous build; `invoke clean` follows the same rule; a build that died halfway is still
recognised; the manifest itself cannot steer a removal outside the folder.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import another_build_writing, run_invoke
from hostile_helpers import Verdict, build, content_with
from newsarchive.site.outputguard import (
    MANIFEST,
    OutputFolderError,
    begin_build,
    owned_files,
    present_files,
    read_manifest,
    write_manifest,
)

HOW = "empty this one (an older build's output too) or choose another (--output)"
RETAINED = {".git/HEAD": "ref: refs/heads/gh-pages\n", ".nojekyll": "", "CNAME": "news.example\n"}
RETENTION = (".git", ".nojekyll", "CNAME")  # pelican.conf.py's OUTPUT_RETENTION


def lay(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below folder (symlinks not followed) with its bytes, or its link target."""
    found = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = os.readlink(path).encode()
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def assert_refused(verdict: Verdict, folder: str, *names: str) -> None:
    assert verdict.code != 0, verdict.text
    assert "Traceback" not in verdict.text, verdict.text
    assert f"{folder}: refused as output folder: it holds {len(names)} file(s)" in verdict.text
    assert f"({', '.join(sorted(names))})" in verdict.text, verdict.text
    assert HOW in verdict.text


def after_the_clock_ticks() -> None:
    """File times move in clock ticks (milliseconds on Linux): let one pass."""
    time.sleep(0.05)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return content_with(tmp_path, {})


def test_a_strangers_folder_is_refused_by_name_and_left_intact(
    tmp_path: Path, content: Path
) -> None:
    output = tmp_path / "output"
    lay(output, {"notes.txt": "my notes", "photos/me.jpg": "jpeg", "index.html": "<p>mine</p>"})
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not yours", encoding="utf-8")
    (output / "link").symlink_to(outside)
    before = snapshot(output)

    for task in ("build", "rebuild"):  # rebuild is Pelican's -d, which used to wipe the folder
        result = run_invoke(task, "--content", str(content), "--output", str(output), cwd=tmp_path)
        verdict = Verdict(result.returncode, result.stdout, result.stderr)
        assert_refused(verdict, "output", "index.html", "link", "notes.txt", "photos/me.jpg")
        assert (
            "and no .newsarchive-manifest saying a build of this archive wrote them" in verdict.text
        )
        assert snapshot(output) == before
        assert outside.read_text(encoding="utf-8") == "not yours"


def test_a_built_folder_with_one_stranger_is_refused_naming_only_the_stranger(
    tmp_path: Path, content: Path
) -> None:
    output = tmp_path / "output"
    assert build(content, output).code == 0
    lay(output, {"2019/10/talks-resume/draft.txt": "a note", "zz-\x1b[31mred.txt": "x"})
    before = snapshot(output)
    verdict = build(content, output)
    assert_refused(verdict, "output", "2019/10/talks-resume/draft.txt", "zz-\\x1b[31mred.txt")
    assert "the last build did not write" in verdict.text
    assert "\x1b" not in verdict.text  # a file name cannot drive the terminal
    assert snapshot(output) == before


def test_missing_empty_and_retained_only_folders_build(tmp_path: Path, content: Path) -> None:
    assert build(content, tmp_path / "missing" / "deeper").code == 0
    (tmp_path / "empty").mkdir()
    assert build(content, tmp_path / "empty").code == 0
    retained = tmp_path / "retained"
    lay(retained, RETAINED)
    verdict = build(content, retained)
    assert verdict.code == 0, verdict.text
    assert {n: snapshot(retained)[n].decode() for n in RETAINED} == RETAINED
    listed = read_manifest(retained)
    assert listed is not None and listed.complete
    assert not {n for n in listed.files if n.split("/")[0] in RETENTION}


def test_stale_pages_are_removed_and_nothing_else(tmp_path: Path, content: Path) -> None:
    output = tmp_path / "output"
    assert build(content, output).code == 0
    lay(output, RETAINED)
    (output / "empty-folder-of-mine").mkdir()
    page = output / "2019" / "10" / "talks-resume" / "index.html"
    assert page.is_file()
    first = read_manifest(output)

    (content / "articles" / "2019" / "talks-resume.md").unlink()
    verdict = build(content, output)
    assert verdict.code == 0, verdict.text
    assert not page.exists() and not (output / "2019" / "10").exists()  # its folders too
    assert (output / "2019" / "09" / "moon-and-kim-meet" / "index.html").is_file()
    assert {n: snapshot(output)[n].decode() for n in RETAINED} == RETAINED
    assert (output / "empty-folder-of-mine").is_dir()
    second = read_manifest(output)
    assert second is not None and second.complete
    assert set(present_files(output, RETENTION)) == second.files
    assert first is not None and first.files - second.files == {
        "2019/10/talks-resume/index.html",
        "archives/2019/10/index.html",
    }


def test_two_builds_write_the_same_manifest(tmp_path: Path, content: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert build(content, one).code == 0
    assert build(content, two).code == 0
    assert (one / MANIFEST).read_bytes() == (two / MANIFEST).read_bytes()
    assert b"index.html" in (one / MANIFEST).read_bytes()


def test_a_build_that_died_halfway_is_recognised_by_the_next(tmp_path: Path, content: Path) -> None:
    output = tmp_path / "output"
    assert build(content, output).code == 0
    begin_build(output)  # a build starts, removes the last one's files, then dies writing these:
    after_the_clock_ticks()
    lay(output, {"index.html": "<p>half</p>", "2019/10/gone/index.html": "<p>half</p>"})
    manifest = read_manifest(output)
    assert manifest is not None and not manifest.complete
    verdict = build(content, output)
    assert verdict.code == 0, verdict.text
    assert not (output / "2019" / "10" / "gone").exists()
    assert "half" not in (output / "index.html").read_text(encoding="utf-8")
    assert read_manifest(output).complete


def test_a_failed_build_does_not_lock_its_folder(tmp_path: Path, content: Path) -> None:
    output = tmp_path / "output"
    broken = content / "articles" / "2019" / "broken.md"
    broken.write_text("---\ntitle: Broken\ndate: 2019-02-30\nslug: broken\n---\n\nText.\n")
    assert build(content, output).code != 0  # strict build: the manifest stays unfinished
    broken.unlink()
    verdict = build(content, output)
    assert verdict.code == 0, verdict.text


def test_a_file_older_than_an_unfinished_build_is_not_taken_for_its_own(tmp_path: Path) -> None:
    output = tmp_path / "output"
    lay(output, {"stranger.txt": "mine", "listed.html": "x"})
    write_manifest(output, ["listed.html"], [], complete=False)
    after_the_clock_ticks()
    lay(output, {"written-after.html": "by the dead build"})
    with pytest.raises(OutputFolderError, match=r"holds 1 file\(s\).*\(stranger\.txt\)"):
        owned_files(output)
    (output / "stranger.txt").unlink()
    assert owned_files(output) == ["listed.html", "written-after.html"]


def test_a_forged_manifest_cannot_remove_anything_outside_the_folder(
    tmp_path: Path, content: Path
) -> None:
    output = tmp_path / "output"
    outside = tmp_path / "outside"
    lay(outside, {"secret.txt": "keep", "victim.txt": "keep"})
    output.mkdir()
    (output / "link").symlink_to(outside, target_is_directory=True)
    forged = ["link", "link/secret.txt", "../outside/victim.txt", str(outside / "victim.txt")]
    write_manifest(output, forged, ["link"], complete=True)
    verdict = build(content, output)
    assert verdict.code == 0, verdict.text
    assert snapshot(outside) == {"secret.txt": b"keep", "victim.txt": b"keep"}
    assert not (output / "link").exists()  # the link was listed: removed, never followed


def test_an_output_path_that_is_a_file_is_refused(tmp_path: Path, content: Path) -> None:
    output = tmp_path / "output"
    output.write_text("a file", encoding="utf-8")
    verdict = build(content, output)
    assert verdict.code != 0 and "Traceback" not in verdict.text
    assert "output: refused as output folder: it is a file" in verdict.text
    assert output.read_text(encoding="utf-8") == "a file"


def test_clean_refuses_a_strangers_folder_and_removes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "documents"
    lay(output, {"thesis.docx": "years of work", "old/site.html": "x"})
    before = snapshot(output)
    result = run_invoke("clean", "--output", str(output), cwd=tmp_path)
    verdict = Verdict(result.returncode, result.stdout, result.stderr)
    assert_refused(verdict, "documents", "old/site.html", "thesis.docx")
    assert verdict.text.count("clean: documents: refused") == 1
    assert snapshot(output) == before


def test_clean_removes_what_the_build_wrote_and_keeps_the_rest(
    tmp_path: Path, content: Path
) -> None:
    output = tmp_path / "output"
    assert build(content, output).code == 0
    lay(output, RETAINED)
    (output / "empty-folder-of-mine").mkdir()
    result = run_invoke("clean", "--output", str(output), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "output: removed" in result.stdout
    assert set(snapshot(output)) == set(RETAINED)
    assert sorted(p.name for p in output.iterdir()) == [
        ".git", ".nojekyll", "CNAME", "empty-folder-of-mine",
    ]  # fmt: skip
    assert run_invoke("clean", "--output", str(output), cwd=tmp_path).returncode == 0
    assert run_invoke("clean", "--output", str(tmp_path / "none"), cwd=tmp_path).returncode == 0


def test_clean_refuses_a_folder_a_build_is_writing_and_removes_nothing(
    tmp_path: Path, content: Path
) -> None:
    output = tmp_path / "output"
    assert build(content, output).code == 0
    before = snapshot(output)
    with another_build_writing(output):
        result = run_invoke("clean", "--output", str(output), cwd=tmp_path)
    assert result.returncode == 1
    assert "clean: output: another build is writing this folder" in result.stdout + result.stderr
    assert snapshot(output) == before
