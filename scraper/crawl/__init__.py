"""Crawling around the extraction pipeline (Scrapy)."""
