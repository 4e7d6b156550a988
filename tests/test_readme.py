"""The README tells a new user how to run ``rdkb``, with commands that exist (issue 15, point 7)."""

from __future__ import annotations

import re
import shlex

import pytest

from scraper.cli import build_parser
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


def test_every_rdkb_command_in_the_readme_parses() -> None:
    """A README command line that names a removed subcommand or option fails here, not for a
    new user (the parse only: nothing runs)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            tokens = shlex.split(line.strip(), comments=True)
            if tokens[:1] == ["rdkb"]:
                commands.append([t for t in tokens[1:] if t != "&"])
    assert len(commands) >= 15 and ["init", "my-archive"] in commands
    parser = build_parser()
    for command in commands:
        try:
            parser.parse_args(command)
        except SystemExit:
            pytest.fail(f"README: `rdkb {' '.join(command)}` does not parse")
