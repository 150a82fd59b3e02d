"""Render: the PDF pre-read pack, the PowerPoint deck, and the extracted data as JSON and XLSX."""
