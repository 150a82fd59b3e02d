"""Name variants and abbreviations for each LA, so a council can be recognised offline.

Variants come from the DfE list name and mySociety's official name, common name and alt-names
(joined on ONS code, and on the DfE number mySociety keeps for predecessor councils, so
"Buckinghamshire County Council" still points at 825). Abbreviations ("KCC", "Kent CC") are
built from the official name and kept only where they point at one LA.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

_GENERIC = {"city of", "county of", "the", "ua", "council", "district", "county"}
_MINOR_WORDS = {"and", "of", "upon", "on", "the", "in", "le", "with", "under"}
# Short forms councils use that no name list carries.
KNOWN_SHORT_FORMS = {
    "Hull City Council": ["Hull"],
    "Bournemouth, Christchurch and Poole Council": ["BCP Council"],
}
_SUFFIXES = {
    "County Council": "CC",
    "City Council": "CC",
    "Metropolitan Borough Council": "MBC",
    "Borough Council": "BC",
    "District Council": "DC",
}


def split_alt_names(text: object) -> list[str]:
    """mySociety's alt-names are comma separated; names with a comma ("Bristol, City of") split too."""
    if not isinstance(text, str):
        return []
    parts = [p.strip() for p in text.split(",")]
    return [p for p in parts if len(p) >= 3 and p.lower() not in _GENERIC]


def _clean(name: str) -> list[str]:
    """A name and its tidy forms: "Bristol, City of" -> "Bristol", "City of Bristol"."""
    name = re.sub(r"\s+", " ", name).strip()
    out = [name]
    match = re.match(r"^(.*), (City|County) of$", name)
    if match:
        out += [match.group(1), f"{match.group(2)} of {match.group(1)}"]
    if name.startswith("St. "):
        out.append("St " + name[4:])
    return out


def initials(official: str) -> str:
    words = [w for w in re.split(r"[\s-]+", official) if w and w.lower() not in _MINOR_WORDS]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def suffixed(nice: str, official: str) -> list[str]:
    """ "Kent CC" for "Kent County Council", "Kirklees MBC", ... from the official name's ending."""
    for ending, short in _SUFFIXES.items():
        if official.endswith(ending):
            return [f"{nice} {short}"]
    return []


def _rows_for(la: pd.Series, names: pd.DataFrame) -> pd.DataFrame:
    by_ons = names["gss-code"] == la["ons_code"]
    by_dfe = names["old-ons-la-code"].fillna("") == la["la_code"]
    return names[by_ons | by_dfe]


def name_variants(las: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """la_code, official_name, name_variants, abbreviations (unique across the LAs given)."""
    records = []
    for _, la in las.iterrows():
        rows = _rows_for(la, names)
        variants = _clean(la["name"])
        for _, row in rows.iterrows():
            for raw in [row["official-name"], row["nice-name"], *split_alt_names(row["alt-names"])]:
                if isinstance(raw, str):
                    variants += _clean(raw)
        current = rows[rows["gss-code"] == la["ons_code"]]
        official = current["official-name"].iloc[0] if len(current) else la["name"]
        nice = current["nice-name"].iloc[0] if len(current) else la["name"]
        variants += [v for o in rows["official-name"].dropna() for v in KNOWN_SHORT_FORMS.get(o, [])]
        abbreviations = [initials(o) for o in rows["official-name"].dropna()]
        abbreviations += [s for _, r in rows.iterrows() for s in suffixed(r["nice-name"], r["official-name"])]
        records.append(
            {
                "la_code": la["la_code"],
                "official_name": re.sub(r"\s+", " ", official).strip(),
                "nice_name": nice,
                "name_variants": _dedupe(variants),
                "abbreviations": _dedupe(a for a in abbreviations if len(a) >= 3),
            }
        )
    return _unique_abbreviations(pd.DataFrame(records))


def _dedupe(items) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.lower(), item)
    return sorted(seen.values(), key=lambda s: (-len(s), s))


def _unique_abbreviations(frame: pd.DataFrame) -> pd.DataFrame:
    """An abbreviation two LAs share ("NCC": Norfolk, Nottingham, ...) identifies neither."""
    counts = Counter(a for abbrevs in frame["abbreviations"] for a in set(abbrevs))
    frame["abbreviations"] = frame["abbreviations"].map(
        lambda abbrevs: [a for a in abbrevs if counts[a] == 1]
    )
    return frame
