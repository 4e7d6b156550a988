"""Publishing the archive as a static site (MkDocs + Material).

- ``urls``      page URLs from source paths (MkDocs' rule) and relative links between pages
- ``html``      small HTML building blocks (article entries, pagination, escaping)
- ``pages``     the generated pages: themes, regions, time, authors, concepts, keywords, quotations,
                statistics, the home page's lists and the Atom feed
- ``article``   the header and footer added to each article page
- ``charts``    static SVG bar charts
- ``feed``      the Atom feed
- ``commands``  ``rdkb build`` and ``rdkb serve``
"""
