"""Councils are chosen from the official list of English local authorities with children's
services (the DfE table the benchmarks carry, analyse/data), by DfE code or by name.

A name matches exactly (any case, any of the LA's official names, ONS code or abbreviation, as
`analyse.council.resolve_council` reads them), or else as part of exactly one LA's name. Anything
else is refused with the closest names, so "Kentt" or "9999" never becomes a council of its own.
Councils are stored by DfE code and shown as "Kent County Council (886)".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from ingest.errors import BadInput

MIN_PART = 3  # shorter text than this never matches part of a name
SUGGESTIONS = 5


class UnknownCouncil(BadInput):
    """No council, or several, in the official list answer to what was given."""

    code = "unknown_council"


@dataclass(frozen=True)
class LocalAuthority:
    code: str
    name: str  # the official name: "Kent County Council"
    names: tuple[str, ...]  # every name it goes by, the DfE list's short one first

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@cache
def official_las() -> tuple[LocalAuthority, ...]:
    """The current LAs of the DfE list (the 153 of the 2025 statistical-neighbour model)."""
    from analyse.benchmarks import load_benchmark_table

    return tuple(
        LocalAuthority(str(la["la_code"]), str(la["official_name"]), (str(la["name"]), *la["name_variants"]))
        for la in load_benchmark_table().current_las()
    )


def find_council(text: str) -> LocalAuthority:
    """The LA `text` names: a DfE code ("886"), an ONS code, a name ("kent") or part of one."""
    from analyse.benchmarks import load_benchmark_table
    from analyse.council import resolve_council

    wanted = " ".join(text.split())
    if not wanted:
        raise UnknownCouncil("give the council's DfE code or name")
    by_code = {la.code: la for la in official_las()}
    code = resolve_council(wanted, load_benchmark_table())
    if code in by_code:
        return by_code[code]
    partial = _partial_matches(wanted)
    if len(partial) == 1:
        return partial[0]
    if partial:
        listed = "; ".join(la.label for la in partial[:10])
        raise UnknownCouncil(f"{wanted!r} could be any of several councils: {listed}. Give its DfE code.")
    raise UnknownCouncil(_not_found(wanted))


def _partial_matches(wanted: str) -> list[LocalAuthority]:
    if len(wanted) < MIN_PART or wanted.isdigit():
        return []
    lowered = wanted.lower()
    return [la for la in official_las() if any(lowered in name.lower() for name in la.names)]


def close_matches(wanted: str) -> list[LocalAuthority]:
    """The LAs whose names are spelt most like `wanted`, closest first."""
    names = {name.lower(): la for la in official_las() for name in la.names}
    close = difflib.get_close_matches(wanted.lower(), list(names), n=SUGGESTIONS * 3, cutoff=0.6)
    return list(dict.fromkeys(names[name] for name in close))[:SUGGESTIONS]


def _not_found(wanted: str) -> str:
    message = f"{wanted!r} is not a council in the DfE list of English local authorities"
    close = close_matches(wanted)
    if close:
        return f"{message}; did you mean {' or '.join(la.label for la in close)}?"
    return f"{message}; give its DfE code (e.g. 886) or its name (e.g. Kent)"


def council_code(text: str | None) -> str | None:
    """The DfE code of the council `text` names, or None for no council; UnknownCouncil otherwise."""
    if text is None or not text.strip():
        return None
    return find_council(text).code


def council_label(code: str | None) -> str:
    """How a stored council is shown: "Kent County Council (886)"; an unknown code as it is."""
    if not code:
        return ""
    match = next((la for la in official_las() if la.code == code), None)
    return match.label if match else code


def council_name(code: str | None) -> str:
    """A stored council's official name alone ("Kent County Council"); an unknown code as it is."""
    if not code:
        return ""
    match = next((la for la in official_las() if la.code == code), None)
    return match.name if match else code
