"""The line a total's shortfall points to: where the lines under a total fall short of it by D
in some columns, and the documents state one of those lines' figures elsewhere (a sentence naming
it, or the same line in another table) as exactly D more than printed, that line is the likelier
slip. It carries a failed check saying so (`STATED_ELSEWHERE`), which quotes the other statement,
so that its printed figures are marked contradicted wherever they are shown
(analyse.standing.in_doubt), and the total's doubt names it (`LinesShort.slipped`).

Exactly one line must be stated so: where two would each close the gap, the documents do not say
which, and none is named. The tolerance is the project's one rule for figures known as pounds
(extract.verify.tolerance.rounding_tolerance over the total and its lines), plus half the last
place the other statement prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyse.matching import WEAK_WORDS
from analyse.position import SUMMED_FIELDS
from analyse.restated import printed_sum
from analyse.scope import table_key
from analyse.standing import LINE_STATED_ELSEWHERE, STATED_ELSEWHERE, doubted_only_by_its_lines
from analyse.wording import STATED_SUM, content_words, stated_as_now
from extract.records import BudgetLine, Check, Extraction, Figure, FigureUnit, Provenance, Verification
from extract.stage import comparable_stages
from extract.verify.identities import TOTAL_IDENTITY
from extract.verify.tolerance import millions, places_half_unit, rounding_tolerance, within

FIELDS = SUMMED_FIELDS  # the figures a sum of lines can contradict
WORDS = {"forecast_gbp": "forecast", "variance_gbp": "variance"}


@dataclass(frozen=True)
class Statement:
    """A figure of a line stated elsewhere: the amount, the words it is stated in, and where; the
    field it is (another table's forecast or variance), or None for a sentence's sum, which may be
    either."""

    amount: float
    text: str
    provenance: list[Provenance]
    half_unit: float
    field: str | None = None


def with_slipped_lines(extraction: Extraction) -> Extraction:
    """The extraction with each line its total's shortfall points to marked contradicted (one
    failed check, `STATED_ELSEWHERE`, naming the fields and quoting the other statement)."""
    marked: dict[int, BudgetLine] = {}
    for total in extraction.budget_lines:
        found = slipped_line(total, extraction.budget_lines, extraction.figures)
        if found is not None:
            line, check = found
            marked[id(line)] = line.model_copy(
                update={"verification": Verification.CONTRADICTED, "checks": [*line.checks, check]}
            )
            marked[id(total)] = total.model_copy(update={"checks": [*total.checks, _named(line, check)]})
    if not marked:
        return extraction
    lines = [marked.get(id(b), b) for b in extraction.budget_lines]
    return extraction.model_copy(update={"budget_lines": lines})


def slipped_line(
    total: BudgetLine, budget_lines: list[BudgetLine], figures: list[Figure]
) -> tuple[BudgetLine, Check] | None:
    """The one line under `total` (a total only its lines contradict) stated elsewhere as what
    closes the gap in every column its lines fall short in, with the check saying so; None where
    none, or more than one, is."""
    held = doubted_only_by_its_lines(total)
    failed = next((c for c in total.checks if not c.held and c.identity == TOTAL_IDENTITY), None)
    if held is None or failed is None:
        return None
    lines = [b for b in budget_lines if b.provenance[0] in failed.provenance and b is not total]
    gaps = _gaps(total, lines)
    if not gaps:
        return None
    found = [(line, said) for line in lines if (said := _closing(line, lines, gaps, budget_lines, figures))]
    if len(found) != 1:
        return None
    line, said = found[0]
    return line, _check(line, said, gaps)


def _gaps(total: BudgetLine, lines: list[BudgetLine]) -> dict[str, tuple[float, float]]:
    """By field, how far the lines fall short of the total and the tolerance of that sum, where
    they do beyond it."""
    out = {}
    for field in FIELDS:
        stated = getattr(total, field)
        parts = [getattr(b, field) for b in lines]
        if stated is None or not parts or any(p is None for p in parts):
            continue
        slack = rounding_tolerance(stated, parts)
        if not within(stated, sum(parts), slack):
            out[field] = (stated - sum(parts), slack)
    return out


def _closing(
    line: BudgetLine,
    lines: list[BudgetLine],
    gaps: dict[str, tuple[float, float]],
    budget_lines: list[BudgetLine],
    figures: list[Figure],
) -> dict[str, Statement]:
    """The statements of `line`'s figures elsewhere that close the gap, by field: one for a
    field at least, and every field with a gap closed (the others by the line's own arithmetic:
    a variance stated higher by D raises its forecast by D too, where that column falls short by
    D); {} where they do not."""
    statements = _prose(line, lines, figures) + _tables(line, budget_lines)
    closed: dict[str, Statement] = {}
    for field, (gap, slack) in gaps.items():
        printed = getattr(line, field)
        closing = [
            s
            for s in statements
            if printed is not None
            and s.field in (None, field)
            and within(s.amount, printed + gap, slack + s.half_unit)
        ]
        if closing:
            closed[field] = closing[0]
    if not closed:
        return {}
    shortfalls = [gap for gap, _ in gaps.values()]
    one = next(iter(closed.values()))
    same = all(within(g, shortfalls[0], max(s for _, s in gaps.values())) for g in shortfalls)
    return {field: closed.get(field, one) for field in gaps} if same else {}


def _prose(line: BudgetLine, lines: list[BudgetLine], figures: list[Figure]) -> list[Statement]:
    """Sums a sentence states for `line`: the words before the sum, back to the sum before it,
    share a word of the line's own name (not one every children's line shares) and more of them
    than of any other line's under the total; a sum stated as it stands now, at the table's stage
    (never one after management actions, nor what would follow on a condition)."""
    out = []
    for figure in figures:
        if figure.unit != FigureUnit.GBP or not comparable_stages(figure.stage, None):
            continue
        if not stated_as_now(figure.text, figure.value):
            continue
        before = _words_before(figure)
        if _naming(line, before) and all(
            _naming(line, before) > _naming(b, before) for b in lines if b is not line
        ):
            half = places_half_unit(figure.places, 1e6) if figure.places is not None else places_half_unit(0)
            out.append(Statement(abs(figure.value), figure.text, figure.provenance, half))
    return out


def _words_before(figure: Figure) -> set[str]:
    printed = printed_sum(figure)
    at = figure.text.find(printed) if printed else -1
    if at < 0:
        return set()
    earlier = [m.end() for m in STATED_SUM.finditer(figure.text, 0, at)]
    return content_words(figure.text[(earlier[-1] if earlier else 0) : at])


def _named(line: BudgetLine, check: Check) -> Check:
    """The total's check, held, that its lines' shortfall is `line`'s figure stated otherwise (the
    line's own failed `check`), naming the line and the other statement."""
    where = check.provenance[0]
    return Check(
        identity=LINE_STATED_ELSEWHERE,
        held=True,
        detail=f"'{line.name}' ({line.provenance[0].locator}) is stated otherwise at {where.locator} of "
        f"{where.file}, by the amount its lines lack",
        provenance=[line.provenance[0], *check.provenance],
    )


def _naming(line: BudgetLine, words: set[str]) -> int:
    return len((content_words(line.name) - WEAK_WORDS) & words)


def _tables(line: BudgetLine, budget_lines: list[BudgetLine]) -> list[Statement]:
    """The same line (its name's words alike) in another table: each of its figures, by field, as
    statements of the line's."""
    where = line.provenance[0]
    others = [
        b
        for b in budget_lines
        if content_words(b.name) == content_words(line.name)
        and table_key(b.provenance[0]) != table_key(where)
    ]
    return [
        Statement(value, b.provenance[0].text, b.provenance, 0.0, field)
        for b in others
        for field in FIELDS
        if (value := getattr(b, field)) is not None
    ]


def _check(line: BudgetLine, said: dict[str, Statement], gaps: dict[str, tuple[float, float]]) -> Check:
    statement = next(iter(said.values()))
    each = " and ".join(
        f"its {WORDS[field]}, printed {millions(getattr(line, field))}, would be "
        f"{millions(getattr(line, field) + gaps[field][0])}"
        for field in said
    )
    shortfall = millions(next(iter(gaps.values()))[0])
    detail = (
        f"'{statement.text}': {each}, {shortfall} more, the amount by which the lines under its "
        "total fall short of it, so this line is the likelier slip"
    )
    return Check(
        identity=STATED_ELSEWHERE,
        held=False,
        detail=detail,
        provenance=statement.provenance,
        fields=list(said),
    )
