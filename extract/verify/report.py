"""What the arithmetic found, per document: money tables and records verified, unchecked or
contradicted, and pages that could not be read. Printed by `reviewpack eval` and at the end of
`reviewpack run` and `reviewpack extract`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extract.records import Extraction, Verification, money_records

# "page 3, table 1, row 5" and "sheet Savings!B7" are rows of "page 3, table 1" and "sheet Savings!".
TABLE_OF_ROW = re.compile(r"(?:, row \d+(?:, column \d+)?|(?<=!)[A-Z]+\d+)$")
STATUSES = (Verification.VERIFIED, Verification.UNCHECKED, Verification.CONTRADICTED)


@dataclass
class DocumentReport:
    file: str
    tables: Counter[Verification] = field(default_factory=Counter)
    records: Counter[Verification] = field(default_factory=Counter)
    pages_unread: list[int] = field(default_factory=list)

    def line(self) -> str:
        tables = ", ".join(f"{self.tables[s]} {s.value}" for s in STATUSES)
        unread = f"{len(self.pages_unread)} pages unread" + (
            f" ({', '.join(map(str, self.pages_unread))})" if self.pages_unread else ""
        )
        return f"{self.file}: money tables {tables}; {sum(self.records.values())} records; {unread}"


def _table_status(statuses: list[Verification]) -> Verification:
    """A table is contradicted where any record from it is, verified where every record with a
    check is and one has, else unchecked."""
    if Verification.CONTRADICTED in statuses:
        return Verification.CONTRADICTED
    return Verification.VERIFIED if Verification.VERIFIED in statuses else Verification.UNCHECKED


def verification_report(extraction: Extraction) -> list[DocumentReport]:
    """One report per document, in the extraction's order."""
    reports = {d.file: DocumentReport(d.file) for d in extraction.documents}
    by_table: dict[tuple, list[Verification]] = {}
    for record in money_records(extraction):
        where = record.provenance[0]
        report = reports.setdefault(where.file, DocumentReport(where.file))
        report.records[record.verification] += 1
        table = TABLE_OF_ROW.sub("", where.locator)
        by_table.setdefault((where.file, where.page, where.bbox, table), []).append(record.verification)
    for (file, *_), statuses in by_table.items():
        reports[file].tables[_table_status(statuses)] += 1
    for document in extraction.documents:
        pages = sorted({e.page for e in document.errors if e.page_lost and e.page is not None})
        reports[document.file].pages_unread = pages
    return list(reports.values())


def contradicted(extraction: Extraction) -> int:
    """How many records their own tables' arithmetic contradicts."""
    return sum(1 for r in money_records(extraction) if r.verification is Verification.CONTRADICTED)
