"""Actions to bring the year's overspend down that the documents say the forecast does not count yet.

A monitoring report often names its recovery plan beside the forecast and says it is not in it:
"Management actions totalling £1.10m have been identified within Children's Services but are not
yet reflected in the forecast"; "The directorate has identified management actions of £1.10m ...
These are not yet included in the forecast." The forecast is before them: what they would leave is
the documents' condition, not their forecast (analyse.wording.stated_as_now), and whether they will
be delivered is for the directorate to show. Read from the sentence that says the actions are not in
the forecast (extract.prose.IN_FORECAST, the words for it), with their sum, or from the sentence
before it where it points back to them ("These", "They"); the children's or the council's, each sum
once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyse.current_year import revenue_scope
from analyse.records import ActionsOutsideForecast
from analyse.reserves import MONEY
from analyse.stated import cited_by_both, once_each, same_amount
from extract.numbers import parse_money
from extract.prose import IN_FORECAST, sentences_cited
from extract.records import Passage, Provenance

# A plan's actions against an overspend, by the names reports give them.
ACTIONS = re.compile(
    r"\b(?:management|mitigating|recovery|remedial|corrective|further)\s+(?:actions?|measures?)\b"
    r"|\bmitigations?\b|\brecovery plans?\b",
    re.IGNORECASE,
)
# A sentence that opens by pointing back to what the one before it named.
POINTS_BACK = re.compile(r"^(?:these|they|this|such|those)\b", re.IGNORECASE)
# A sentence on what the actions would leave if delivered: "If they are delivered in full, the
# overspend would reduce to £7.43m".
IF_DELIVERED = re.compile(
    r"^(?:if|were|should|once)\s+(?:they|these|those|the\s+(?:\w+\s+)?actions)\b", re.IGNORECASE
)
PARAGRAPH_NUMBER = re.compile(r"^\d+(?:\.\d+)*\s+")  # "3.3 Management actions ...": the report's numbering


def actions_outside_forecast(passages: Sequence[Passage]) -> list[ActionsOutsideForecast]:
    """Each sum of actions the documents say is not yet in the forecast, the children's or the
    council's (not the DSG's, another directorate's or capital's), once, citing each statement."""
    found = [stated for passage in passages for stated in _from_passage(passage)]
    return once_each(
        found,
        lambda kept, other: same_amount(kept.amount_gbp, other.amount_gbp),
        lambda kept, other: kept.model_copy(
            update={"provenance": cited_by_both(kept.provenance, other.provenance)}
        ),
    )


def _from_passage(passage: Passage) -> list[ActionsOutsideForecast]:
    out = []
    sentences = sentences_cited(passage)
    for i, (sentence, where) in enumerate(sentences):
        said = IN_FORECAST.search(sentence)
        if said is None or not (said["not"] or said["doesnt"]):
            continue
        before, cited_before = sentences[i - 1] if i else ("", [])
        if ACTIONS.search(sentence[: said.start()]):
            words, cited = [sentence], list(where)
        elif POINTS_BACK.match(sentence) and ACTIONS.search(before):
            words, cited = [before, sentence], cited_before + where
        else:
            continue
        after, cited_after = sentences[i + 1] if i + 1 < len(sentences) else ("", [])
        if IF_DELIVERED.match(after):  # what the documents say delivering them would leave
            words, cited = [*words, after], cited + cited_after
        out += [stated] if (stated := _stated(" ".join(words), _once_per_place(cited))) is not None else []
    return out


def _once_per_place(cited: list[Provenance]) -> list[Provenance]:
    """Each place (file and locator) once: the sentences quoted together are often one paragraph's."""
    places = [(p.file, p.locator) for p in cited]
    return [p for k, p in enumerate(cited) if places.index(places[k]) == k]


def _stated(words: str, where: list[Provenance]) -> ActionsOutsideForecast | None:
    """The actions' sum (the first after their name) and whose they are, from the words that say
    they are not in the forecast; None where no sum is given or they are not the review's."""
    named = ACTIONS.search(words)
    money = MONEY.search(words, named.end()) if named else None
    amount = parse_money(money.group(0)) if money else None
    scope = revenue_scope(words)
    if amount is None or scope is None:
        return None
    words = PARAGRAPH_NUMBER.sub("", words)
    return ActionsOutsideForecast(amount_gbp=amount, scope=scope, words=words, provenance=where)
