"""Extract: tables, figures in prose and domain records (savings, pressures, budget lines),
each with provenance back to file, page and cell."""
