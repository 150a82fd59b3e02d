"""The document's own arithmetic, tested on every money table before its records are used.

- `tolerance`: the one rule for how closely printed figures agree (half a unit of the last
  printed digit of each term).
- `columns`: which of several columns of one role a monitoring table's figures come from, and
  which way its variance runs, chosen by the headings and confirmed by budget + variance =
  forecast.
- `identities`: the checks within a row (budget + variance = forecast; target − forecast =
  shortfall; a percentage against the figures it is a share of).
- `groups`: lines to the subtotals and totals the table states.
- `category_totals`: the extracted lines of each category against the totals its table states.
- `places`: the same line in two tables of a document (a directorate's summary row and the
  total on its own page).
- `report`: per document, money tables verified, unchecked or contradicted, and pages unread.
- `verdicts`: the checks of each row; `status`: a record's status from them (`verified`,
  `unchecked`, `contradicted`).
"""
