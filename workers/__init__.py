"""Workers: dramatiq actors moving records between stages, the store, and the command line."""
