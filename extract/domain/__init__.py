"""Domain records (savings, pressures, budget lines, MTFP gaps) built from classified table rows.

- `from_tables`: which rows are which kind of record, and the records built from them.
- `budget`: budget monitoring lines (budget, forecast outturn, variance).
- `savings`: savings lines and whether each is at risk; `savings_signs`: how a table writes
  its savings' signs.
"""
