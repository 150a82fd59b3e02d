"""The committed compact benchmark table (see SOURCES.md); data only."""
