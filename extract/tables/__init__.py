"""What a table means, whatever format it was read from.

- `headers`: what each column means (its role: budget, forecast, variance, ...), from its heading.
- `layout`: a table's layout: which rows are headings, its columns' meaning, the unit scaling it.
- `rows`: the rows of a document's tables, read against their layout and classified (a line, a
  section heading, a stated total).
"""
