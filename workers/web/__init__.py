"""The web application and HTTP API: uploads, live progress, downloads, figures, themes."""
