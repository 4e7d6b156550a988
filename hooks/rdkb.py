"""MkDocs hooks: the study site's face towards MkDocs. Each event guards and delegates.

The work is in :class:`scraper.publish.site.SiteBuild` (plain Python, also behind
``rdkb export``). One build object per build, kept on the config object under
:data:`BUILD_KEY` (``mkdocs serve`` loads a new config for every rebuild and does not reload
this module), reached through :func:`_build` only. The order of the work, in the order MkDocs
calls these events:

1. ``on_config``   validate ``extra.rdkb`` and the theme and concept files (errors first);
2. ``on_files``    read and analyse the archive; add every generated page; start the search
                   index (its shards need only the articles' text) and the Word documents;
3. ``on_page_read_source`` / ``on_page_markdown``  the articles as ``on_files`` read them;
4. ``on_page_content``  concept links in an article's body;
5. ``on_env``      every page converted: finish the search index (it needs heading anchors);
6. ``on_page_context``  an article's header and footer, a listing's body, the home page;
7. ``on_post_build``  write the Word documents; stop the worker, if one started
   (``on_build_error``: stop it after a failed build too).
"""

from __future__ import annotations

import os.path
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from scraper.analysis.entries import is_article_uri, list_articles
from scraper.analysis.offload import Offload
from scraper.errors import RdkbError
from scraper.frontmatter import loop_warning
from scraper.publish.fragments import fragment_key
from scraper.publish.generated import Settings
from scraper.publish.options import SiteOptions, load_options
from scraper.publish.site import SiteBuild, Taxonomies
from scraper.publish.templating import make_environment
from scraper.publish.touchpoints import MATERIAL_SEARCH_ASSETS
from scraper.search.anchors import toc_anchors

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger("rdkb")

BUILD_KEY = "rdkb"  # this build's state on the config: (options, taxonomies), then the SiteBuild

# What an article's source becomes for MkDocs: its front matter was read and parsed in
# ``on_files`` already, so MkDocs parses an empty one and ``on_page_markdown`` puts it back.
EMPTY_FRONT_MATTER = "---\n{}\n---\n"
SITEMAP_SKIPPED = (
    "no sitemap.xml (it needs the site's public address: "
    "rdkb build --site-url https://…/ or RDKB_SITE_URL)"
)


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig | None:
    try:
        options, notes = load_options(config.extra, config.config_file_path)
        taxonomies = Taxonomies.load(options)
    except RdkbError as exc:
        raise PluginError(str(exc)) from exc
    for note in notes:
        log.warning("%s", note)
    config[BUILD_KEY] = (options, taxonomies)
    if not config.site_url:  # overrides/sitemap.xml then renders empty: MkDocs writes no file
        log.info(SITEMAP_SKIPPED)
    return config


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
    options, taxonomies = config[BUILD_KEY]
    _drop_unreadable(files, config)
    articles = [
        (f.src_uri, f.abs_src_path)
        for f in files.documentation_pages()
        if is_article_uri(f.src_uri) and f.abs_src_path
    ]
    try:
        build = SiteBuild.read(
            articles,
            taxonomies,
            options,
            _settings(config, options),
            Path(_config_dir(config), ".cache", "rdkb"),
            make_environment(_custom_dirs(config)),
        )
    except RdkbError as exc:
        raise PluginError(f"docs_dir {config.docs_dir}: {exc}") from exc
    config[BUILD_KEY] = build
    log.info("%s", build.summary())
    log.debug("analysis: %s", build.timings())
    for src_uri, problem in build.broken.items():  # a warning: --strict fails, naming the file
        log.warning("%s — left out of the site until it is fixed", problem)
        files.remove(files.src_uris[src_uri])
    if "material/search" not in config.plugins:
        _drop_search_assets(files)
    for generated in build.files():
        if files.get_file_from_path(generated.src_uri) is not None:
            raise PluginError(
                f"{generated.src_uri}: this page is made by the site; "
                "remove the file of the same name from docs/"
            )
        files.append(File.generated(config, generated.src_uri, content=generated.content))
    build.start_search(Path(config.site_dir))
    build.start_downloads()
    return files


def on_page_read_source(*, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    build = _build(config)
    body = build.article_markdown(page.file.src_uri) if build else None
    return None if body is None else EMPTY_FRONT_MATTER + body


@event_priority(100)  # first: other on_page_markdown handlers may read page.meta
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    build = _build(config)
    meta = build.article_meta(page.file.src_uri) if build else None
    if meta is not None and not page.meta:
        page.meta = meta


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    build = _build(config)
    return build.article_body(page.file.src_uri, html) if build else None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    build = _build(config)
    if build is None:
        return
    anchors = {
        f.src_uri: toc_anchors(f.page.toc)
        for f in files.documentation_pages()
        if f.page is not None and is_article_uri(f.src_uri)
    }
    log.info("%s", build.finish_search(anchors))


def on_page_context(
    context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation, **kwargs: Any
) -> TemplateContext | None:
    build = _build(config)
    if build is None:
        return None
    html = build.decorate(page.file.src_uri, page.content or "")
    if html is not None:
        page.content = html
    # for overrides/main.html: the shared theme fragments and this page's key to them
    context["rdkb_fragments"] = build.fragments  # type: ignore[typeddict-unknown-key]
    context["rdkb_fragment_key"] = fragment_key(  # type: ignore[typeddict-unknown-key]
        page.url, [p.url for p in nav.pages]
    )
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    """Let go of the page's HTML once its file is made: MkDocs keeps every page's body to the
    end of the build (at 10,000 articles with headers and footers, ~350 MB)."""
    if _build(config) is not None:
        page.content = None


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    build = _build(config)
    if build is not None:
        build.write_downloads(Path(config.site_dir))
        build.close()


def on_build_error(*, error: Exception, **kwargs: Any) -> None:
    """A failed build (``mkdocs serve`` goes on) must not leave its worker running. MkDocs
    passes no config here: stop every build's worker this process still holds."""
    Offload.close_all()


# Helpers


def _build(config: MkDocsConfig) -> SiteBuild | None:
    build = config.get(BUILD_KEY)
    return build if isinstance(build, SiteBuild) else None


def _settings(config: MkDocsConfig, options: SiteOptions) -> Settings:
    return options.page_settings(config.site_name, config.site_url or "", config.use_directory_urls)


def _custom_dirs(config: MkDocsConfig) -> list[str]:
    """The theme's folders a site owner fills (``theme.custom_dir``): rdkb/ templates there
    replace the packaged ones."""
    custom = config.theme.custom_dir
    return [custom] if custom else []


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


def _drop_search_assets(files: Files) -> None:
    """Material copies its lunr search assets even with its search plugin off; they are unused
    (and their licence comments name outside hosts), so leave them out of the site."""
    for file in list(files):
        if file.src_uri.startswith(MATERIAL_SEARCH_ASSETS):
            files.remove(file)


def _config_dir(config: MkDocsConfig) -> str:
    return os.path.dirname(config.config_file_path or ".") or "."
