"""Ingest: check each incoming file, store it unchanged, identify its format and classify its kind."""
