"""rdkb (人大知识库): turn people's congress article pages into a cross-linked study archive.

Stages, one module each: ``decode`` (bytes → text) → ``extract`` (text → fields)
→ ``normalise`` (fields → :class:`~scraper.records.Article`) → ``archive`` (Article → Markdown).
``pipeline`` runs them in order; ``crawl`` feeds it from the web; ``analysis`` works on the archive.
"""

__version__ = "0.1.0"
