"""A fixture congress site (our own writing) served on 127.0.0.1: ``rdkb demo-site`` and tests."""
