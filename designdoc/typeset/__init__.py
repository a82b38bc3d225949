"""Typesetting: HTML in, PDF out, through WeasyPrint and the restricted fetcher."""
