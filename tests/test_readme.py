"""The README's opening tells a new user how to run ``rdkb`` (issue 15, point 7)."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_the_readme_says_how_to_run_rdkb_after_make_site() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    opening = re.match(r"# [^\n]*\n\n```sh\n(.*?)```\n\n(.*?)\n\n", readme, re.S)
    assert opening, "the README opens with a title and a sh block"
    first_block, after = opening.groups()
    assert [line.split()[:2] for line in first_block.splitlines()] == [
        ["make", "site"],
        ["make", "test"],
    ]
    # the paragraph right after them: rdkb lives in the venv `make site` creates
    assert "source .venv/bin/activate" in after and "`.venv/bin/rdkb`" in after
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^VENV \?= \.venv$", makefile, re.M)
    assert re.search(r"^RDKB := \$\(VENV\)/bin/rdkb$", makefile, re.M)
