"""Publishing the archive as a static site (MkDocs + Material)."""
