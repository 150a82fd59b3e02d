"""Analyse: savings at risk, reconciliation, national benchmarks, drivers, scenarios, themes."""
