"""`invoke check` and the build agree problem by problem, also on a file with several."""

from __future__ import annotations

from pathlib import Path

from hostile_helpers import assert_refused, content_with, verdicts

SEVERAL = (
    "---\ntitle: '  '\ndate: 2019-02-30\nslug: several-problems\n"
    "entities: [kim-jong-eun]\n---\n\nText.\n"
)


def test_each_problem_of_a_file_is_one_line_in_both(tmp_path: Path) -> None:
    content = content_with(tmp_path, {"articles/2019/several-problems.md": SEVERAL})
    checked, built = verdicts(content)
    path = "content/articles/2019/several-problems.md"
    assert_refused(checked, built, path, "title", "date", "kim-jong-eun")
    assert len(checked.about(path)) == 3
