"""Freezing the report into published revisions."""
