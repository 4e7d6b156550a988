"""Build-time analysis of the archive: plain Python over :class:`~scraper.records.Article` records.

One module per concern, none of them knows about MkDocs:

- ``archive``   read articles (front matter + body) from ``docs/articles``
- ``text``      jieba segmentation with the domain dictionary, plain-text helpers
- ``themes``    the theme taxonomy (``scraper/data/themes.yml``) and the scoring that assigns themes
- ``concepts``  the glossary (``scraper/data/concepts.yml``), mention finding, first-mention linking
- ``keywords``  TF-IDF keywords per article (jieba's IDF table)
- ``related``   top-k similar articles over sparse TF-IDF vectors
- ``regions``   the province → city → county tree
- ``quotes``    passages attributed to 习近平总书记
- ``stats``     counts per year, province and theme
- ``corpus``    runs them all in order and returns one :class:`~scraper.analysis.corpus.Analysis`
"""
