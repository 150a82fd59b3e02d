"""The LA table: one row per local authority with children's services.

Columns: la_code, ons_code, name, region, sub_region, la_type, current, statistical_neighbours,
sn_closeness, population_0_17, population_year, idaci_2025, idaci_2019, ofsted_overall,
ofsted_inspected, official_name, name_variants, abbreviations.
`current` marks the 153 LAs of the 2025 statistical-neighbour model; predecessors (Cumbria 909,
Northamptonshire 928, pre-2019 Dorset, Bournemouth, Poole) stay for their history.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analyse.benchmarks.catalogue import (
    DISTRICTS_FILE,
    IOD2019_FILE,
    IOD2025_FILE,
    LA_LIST_FILE,
    NAMES_FILE,
    OFSTED_FILE,
    POPULATION_FILE,
    SN_XLSX_FILE,
)
from analyse.benchmarks.names import name_variants
from analyse.benchmarks.parsing import la_code, parse_value

LONDON = {"Inner London", "Outer London", "London (Inner)", "London (Outer)"}
IDACI = "Income Deprivation Affecting Children"


def read_la_list(source_dir: Path) -> pd.DataFrame:
    frame = pd.read_excel(source_dir / LA_LIST_FILE, dtype=str)
    frame = frame.dropna(subset=["Type"])
    return pd.DataFrame(
        {
            "la_code": frame["LA Number"].map(la_code),
            "name": frame["LA Name"].str.strip(),
            "region": frame["Region"].map(lambda r: "London" if r in LONDON else r.strip()),
            "sub_region": frame["Region"].str.strip(),
            "la_type": frame["Type"].str.strip(),
        }
    ).reset_index(drop=True)


def read_statistical_neighbours(source_dir: Path) -> pd.DataFrame:
    """DfE's 2025 model (sn_may_2025.xlsx): header on the row starting 'LA num', SN1..SN10 with closeness.

    Predecessor LAs (Cumbria, Northamptonshire, pre-2019 Dorset) get no neighbours: they are history.
    """
    sheet = pd.read_excel(source_dir / SN_XLSX_FILE, header=None, dtype=str)
    header_row = sheet.index[sheet.iloc[:, 0].astype(str).str.strip() == "LA num"][0]
    header = [str(c).strip() for c in sheet.iloc[header_row]]
    rows = sheet.iloc[header_row + 1 :]
    blank = rows.index[rows.iloc[:, 0].isna()]
    # The current model ends at the first blank row; an "Old SNs:" block for abolished LAs follows.
    rows = rows.loc[: blank[0] - 1] if len(blank) else rows
    sn_cols = [i for i, h in enumerate(header) if h.startswith("SN") and h[2:].isdigit()]
    out = []
    for _, row in rows.iterrows():
        codes = [la_code(row.iloc[i]) for i in sn_cols]
        closeness = [str(row.iloc[i + 1]).strip() for i in sn_cols]
        keep = [(c, p) for c, p in zip(codes, closeness, strict=True) if c]
        out.append(
            {
                "la_code": la_code(row.iloc[0]),
                "statistical_neighbours": [c for c, _ in keep],
                "sn_closeness": [p for _, p in keep],
            }
        )
    return pd.DataFrame(out).dropna(subset=["la_code"])


def read_ons_codes(source_dir: Path) -> pd.DataFrame:
    """Each LA's ONS code and latest 0-17 population, from the ONS file's LA rows."""
    frame = pd.read_csv(source_dir / POPULATION_FILE, dtype=str, encoding="utf-8-sig")
    frame = frame[frame["geographic_level"] == "Local authority"].copy()
    frame["la_code"] = frame["old_la_code"].map(la_code)
    frame["year"] = frame["time_period"].astype(int)
    latest = frame.sort_values("year").groupby("la_code").tail(1)
    return pd.DataFrame(
        {
            "la_code": latest["la_code"],
            "ons_code": latest["new_la_code"].str.strip(),
            "population_0_17": latest["population_estimate"].map(parse_value),
            "population_year": latest["time_period"],
        }
    )


def read_ofsted(source_dir: Path) -> pd.DataFrame:
    frame = pd.read_csv(source_dir / OFSTED_FILE, dtype=str, encoding="utf-8-sig")
    return pd.DataFrame(
        {
            "ons_code": frame["Local authority area code"].str.strip(),
            "ofsted_overall": frame["Overall effectiveness"].str.strip(),
            "ofsted_inspected": frame["Inspection date"].str.strip(),
        }
    )


def read_idaci_2019(source_dir: Path, names: pd.DataFrame) -> pd.DataFrame:
    """IoD2019 upper-tier IDACI average score; 2019 codes carried to the code that replaced them.

    A code replaced by exactly one successor (Buckinghamshire, North Yorkshire, Somerset) is a
    code change; a code replaced by several (Cumbria, Northamptonshire) was split and gets no
    2019 value (the district file needed to rebuild them is not among the sources).
    """
    sheet = pd.read_excel(source_dir / IOD2019_FILE, sheet_name="IDACI")
    code_col = next(c for c in sheet.columns if "code" in c.lower())
    score_col = next(c for c in sheet.columns if "average score" in c.lower() and "rank" not in c.lower())
    successor = _single_successors(names)
    return pd.DataFrame(
        {
            "ons_code": sheet[code_col].map(lambda c: successor.get(c, c)),
            "idaci_2019": sheet[score_col].map(parse_value),
        }
    )


def _single_successors(names: pd.DataFrame) -> dict[str, str]:
    by_code = dict(zip(names["local-authority-code"], names["gss-code"], strict=False))
    out = {}
    for _, row in names.dropna(subset=["replaced-by"]).iterrows():
        successors = [s.strip() for s in str(row["replaced-by"]).split(",")]
        if len(successors) == 1 and successors[0] in by_code:
            out[row["gss-code"]] = by_code[successors[0]]
    return out


def read_idaci_2025(source_dir: Path, names: pd.DataFrame) -> pd.DataFrame:
    """IoD2025 IDACI average score per upper-tier LA.

    Unitary LAs are districts themselves; a shire county is the mean of its districts
    (April 2023 lookup) weighted by each district's population (mySociety pop-2020; all
    ages, the only district population in the sources, so this approximates a child weighting).
    """
    iod = pd.read_csv(source_dir / IOD2025_FILE, dtype=str)
    iod = iod[iod["index_domain"] == IDACI]
    scores = dict(zip(iod["area_code"], iod["average_score"].map(parse_value), strict=True))
    lookup = pd.read_csv(source_dir / DISTRICTS_FILE, dtype=str, encoding="utf-8-sig")
    lookup = lookup[lookup["LTLA23CD"].str.startswith("E")]
    pops = dict(zip(names["gss-code"], names["pop-2020"].map(parse_value), strict=False))
    out = []
    for utla, group in lookup.groupby("UTLA23CD"):
        pairs = [(scores[d], pops.get(d)) for d in group["LTLA23CD"] if scores.get(d) is not None]
        if not pairs:
            continue
        known = [w for _, w in pairs if w]
        # A district without a population counts as an average one of its county.
        weights = [w if w else (sum(known) / len(known) if known else 1.0) for _, w in pairs]
        mean = sum(float(s) * w for (s, _), w in zip(pairs, weights, strict=True)) / sum(weights)
        out.append({"ons_code": utla, "idaci_2025": round(mean, 6)})
    return pd.DataFrame(out)


def read_names(source_dir: Path) -> pd.DataFrame:
    return pd.read_csv(source_dir / NAMES_FILE, dtype=str)


def build_las(source_dir: Path) -> pd.DataFrame:
    names = read_names(source_dir)
    las = read_la_list(source_dir)
    las = las.merge(read_ons_codes(source_dir), on="la_code", how="left")
    sns = read_statistical_neighbours(source_dir)
    las = las.merge(sns, on="la_code", how="left")
    las["current"] = las["la_code"].isin(set(sns["la_code"]))
    for extra in (
        read_idaci_2025(source_dir, names),
        read_idaci_2019(source_dir, names),
        read_ofsted(source_dir),
    ):
        las = las.merge(extra, on="ons_code", how="left")
    las = las.merge(name_variants(las, names), on="la_code", how="left")
    for column in ("statistical_neighbours", "sn_closeness", "name_variants", "abbreviations"):
        las[column] = las[column].map(lambda v: list(v) if isinstance(v, list | tuple) else [])
    return las.sort_values("la_code").reset_index(drop=True)
