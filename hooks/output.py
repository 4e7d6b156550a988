"""MkDocs hook: create the site's page folders and files in a child process while pages are
converted.

Thin by design: see ``scraper.publish.output``. Runs last in ``on_files`` (after the hook that
adds pages) and again in ``on_env`` for the pages added there; the children are joined in
``on_post_build`` (after a failed build, one nobody joins is stopped when it is collected).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from scraper.publish.output import Precreated

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

OUTPUT_KEY = "rdkb_output"  # this build's Precreated, on the config


@event_priority(-100)  # last: after hooks/archive.py added the pages
def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
    output = Precreated()
    output.start(f.abs_dest_path for f in files.documentation_pages())
    config[OUTPUT_KEY] = output
    return None


@event_priority(-100)  # last: after hooks/archive.py added the theme and keyword pages
def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    output = config.get(OUTPUT_KEY)
    if isinstance(output, Precreated):
        output.start(f.abs_dest_path for f in files.documentation_pages())


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    output = config.get(OUTPUT_KEY)
    if isinstance(output, Precreated):
        output.join()
    config[OUTPUT_KEY] = None
