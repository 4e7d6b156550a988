"""MkDocs hooks: analyse the archive and add the generated pages (themes, regions, …) in memory.

The analysis runs while MkDocs converts the pages: ``on_config`` starts it (a child process),
``on_files`` reads the front matter and adds the pages it decides, ``on_page_read_source`` /
``on_page_markdown`` give MkDocs the articles as already read, ``on_env`` (every page converted,
none rendered yet) waits for the analysis and adds the theme and keyword pages, converting them
like MkDocs converts the others.

Thin by design: the work is in ``scraper.analysis`` and ``scraper.publish``. Per-build objects
live on the config object (``mkdocs serve`` reloads the config, not this module).
"""

from __future__ import annotations

import os.path
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from scraper.analysis.entries import is_article_uri, list_articles
from scraper.errors import RdkbError
from scraper.frontmatter import loop_warning
from scraper.publish.generated import Settings
from scraper.publish.site import (
    ANALYSING_KEY,
    BUILD_KEY,
    OPTIONS_KEY,
    TAXONOMIES_KEY,
    Analysing,
    Options,
    SiteBuild,
    Taxonomies,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("rdkb")

# What an article's source becomes for MkDocs: its front matter was read and parsed in
# ``on_files`` already, so MkDocs parses an empty one and ``on_page_markdown`` puts it back.
EMPTY_FRONT_MATTER = "---\n{}\n---\n"

# Material's lunr search assets, copied even when its search plugin is off.
SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


# Hooks


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig | None:
    """Validate ``extra.rdkb`` and load themes.yml / concepts.yml early, so errors come first;
    start analysing the articles in docs/articles/ (``on_files`` checks they are MkDocs' own)."""
    try:
        options = Options.from_extra(config.extra, _config_dir(config))
        config[OPTIONS_KEY] = options
        config[TAXONOMIES_KEY] = taxonomies = Taxonomies.load(options)
    except RdkbError as exc:
        raise PluginError(str(exc)) from exc
    config[ANALYSING_KEY] = Analysing(
        list_articles(config.docs_dir),
        taxonomies,
        options,
        _settings(config, options),
        _cache_dir(config),
    )
    return config


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
    """Start the analysis of every article; add the generated pages known from front matter."""
    options: Options = config[OPTIONS_KEY]
    _drop_unreadable(files, config)
    articles = [
        (f.src_uri, f.abs_src_path)
        for f in files.documentation_pages()
        if is_article_uri(f.src_uri) and f.abs_src_path
    ]
    try:
        build = SiteBuild.create(
            articles,
            config[TAXONOMIES_KEY],
            options,
            _settings(config, options),
            _cache_dir(config),
            started=config.get(ANALYSING_KEY),
        )
    except RdkbError as exc:
        raise PluginError(f"docs_dir {config.docs_dir}: {exc}") from exc
    finally:
        config[ANALYSING_KEY] = None  # taken over by the build, or abandoned (the child stopped)
    config[BUILD_KEY] = build
    for src_uri, problem in build.broken.items():  # a warning: --strict fails, naming the file
        log.warning("%s — left out of the site until it is fixed", problem)
        files.remove(files.src_uris[src_uri])
    if "material/search" not in config.plugins:
        _drop_search_assets(files)
    for generated in build.initial_files():
        if files.get_file_from_path(generated.src_uri) is not None:
            raise _taken(generated.src_uri)
        files.append(File.generated(config, generated.src_uri, content=generated.content))
    return files


def on_page_read_source(*, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """An article's body as ``on_files`` read it: MkDocs need not read and parse it again."""
    build = _build(config)
    body = build.article_markdown(page.file.src_uri) if build else None
    return None if body is None else EMPTY_FRONT_MATTER + body


@event_priority(100)  # first: the other hooks' on_page_markdown may read page.meta
def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
) -> str | None:
    """An article's front matter, left out of its source by ``on_page_read_source``."""
    build = _build(config)
    meta = build.article_meta(page.file.src_uri) if build else None
    if meta is not None and not page.meta:
        page.meta = meta
    return None


@event_priority(100)  # first: the other hooks' on_env (the search index) need the analysis
def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    """Wait for the analysis; add and convert the pages it decides (themes, keywords)."""
    build: SiteBuild = config[BUILD_KEY]
    try:
        generated = build.finish()
    except RdkbError as exc:
        raise PluginError(f"docs_dir {config.docs_dir}: {exc}") from exc
    timings = build.analysis.timings
    log.info(
        "analysed %d articles in %.2f s (%s)",
        len(build.analysis.infos),
        sum(timings.values()),
        ", ".join(f"{k} {v:.2f}" for k, v in timings.items()),
    )
    for item in generated:
        file = files.get_file_from_path(item.src_uri)
        if file is not None and file.abs_src_path is not None:  # a file in docs/, not ours
            raise _taken(item.src_uri)
        if file is None:
            file = File.generated(config, item.src_uri, content=item.content)
            files.append(file)
            if file.is_documentation_page():
                _convert(Page(None, file, config), config, files)
        elif not file.is_documentation_page():
            file.content_string = item.content  # e.g. the themes chart


# Helpers


def _drop_unreadable(files: Files, config: MkDocsConfig) -> None:
    """Leave out what MkDocs found by going round a symbolic link loop under docs/articles (it
    follows links without noticing, and fails copying the last one), one warning per loop."""
    loops: list[Path] = []
    list_articles(config.docs_dir, loops)
    for link in loops:
        log.warning("%s", loop_warning(link))
        inside = Path(link).relative_to(config.docs_dir).as_posix()
        for file in list(files):
            if file.src_uri == inside or file.src_uri.startswith(inside + "/"):
                files.remove(file)


def _build(config: MkDocsConfig) -> SiteBuild | None:
    build = config.get(BUILD_KEY)
    return build if isinstance(build, SiteBuild) else None


def _settings(config: MkDocsConfig, options: Options) -> Settings:
    return Settings(
        site_name=config.site_name,
        site_url=config.site_url or "",
        use_directory_urls=config.use_directory_urls,
        page_size=options.page_size,
        compact_page_size=options.compact_page_size,
        latest_count=options.latest_count,
        feed_count=options.feed_count,
    )


def _convert(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What MkDocs does for every page before ``on_env``, for a page added in ``on_env``:
    ``read_source``, the ``on_page_markdown`` events, ``Page.render``, ``on_page_content``."""
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(
        page.markdown, page=page, config=config, files=files
    )
    page.render(config, files)
    assert page.content is not None
    page.content = config.plugins.on_page_content(
        page.content, page=page, config=config, files=files
    )


def _taken(src_uri: str) -> PluginError:
    return PluginError(
        f"{src_uri}: this page is generated by the site; "
        "remove the file of the same name from docs/"
    )


def _drop_search_assets(files: Files) -> None:
    """Material copies its lunr search assets even with its search plugin off; they are unused
    (and their licence comments name outside hosts), so leave them out of the site."""
    for file in list(files):
        if file.src_uri.startswith(SEARCH_ASSETS):
            files.remove(file)


def _cache_dir(config: MkDocsConfig) -> str:
    return os.path.join(_config_dir(config), ".cache", "rdkb")


def _config_dir(config: MkDocsConfig) -> str:
    return os.path.dirname(config.config_file_path or ".") or "."
