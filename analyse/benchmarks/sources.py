"""Readers for the official files, each returning rows of the long benchmark table.

Every reader returns columns: la_code (DfE 3-digit number, "970" for England), indicator,
period, value, source (file path inside the benchmarks folder), measure (the code or column
in that file). Regional rows are dropped: region figures are medians of the region's LAs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analyse.benchmarks.catalogue import (
    EES_SERIES,
    ENGLAND,
    LAIT_FILE,
    LAIT_SERIES,
    POPULATION,
    POPULATION_FILE,
    RO3_CSC_GROSS,
    RO3_CSC_NET,
    RO3_FILE,
)
from analyse.benchmarks.parsing import la_code, parse_period, parse_value
from analyse.benchmarks.table import VALUE_COLUMNS

COLUMNS = list(VALUE_COLUMNS)
REGION_NUMBERS = {str(n) for n in range(980, 1001)}  # LAIT's regions and "England (discontinued)"


def _finish(rows: pd.DataFrame) -> pd.DataFrame:
    """Drop unparsed periods and suppressed values; one row per (LA, indicator, period)."""
    rows = rows.dropna(subset=["la_code", "period", "value"])
    rows = rows[~rows["la_code"].isin(REGION_NUMBERS)]
    return rows[COLUMNS].drop_duplicates(subset=["la_code", "indicator", "period"], keep="last")


def read_lait(source_dir: Path) -> pd.DataFrame:
    raw = pd.read_parquet(source_dir / LAIT_FILE)
    raw = raw[raw["Short Desc"].isin(list(LAIT_SERIES))]
    return _finish(
        pd.DataFrame(
            {
                "la_code": raw["LA Number"].map(la_code),
                "indicator": raw["Short Desc"].map(lambda m: LAIT_SERIES[m].code),
                "period": raw["Years"].map(parse_period),
                "value": raw["Values"].map(parse_value),
                "source": LAIT_FILE,
                "measure": raw["Short Desc"],
            }
        )
    )


def ees_la_code(frame: pd.DataFrame) -> pd.Series:
    """DfE LA number for local-authority rows, England's for national rows, None for regions."""
    codes = frame["old_la_code"].map(la_code)
    national = frame["geographic_level"].eq("National")
    return codes.where(~national, ENGLAND).where(
        frame["geographic_level"].isin(["National", "Local authority"])
    )


def read_ees(source_dir: Path) -> pd.DataFrame:
    parts = []
    cache: dict[str, pd.DataFrame] = {}
    for (file, column, key, wanted), indicator in EES_SERIES.items():
        frame = cache.setdefault(file, pd.read_csv(source_dir / file, dtype=str, encoding="utf-8-sig"))
        if key is not None:
            frame = frame[frame[key] == wanted]
        parts.append(
            pd.DataFrame(
                {
                    "la_code": ees_la_code(frame),
                    "indicator": indicator.code,
                    "period": frame["time_period"].map(parse_period),
                    "value": frame[column].map(parse_value),
                    "source": file,
                    "measure": column if key is None else f"{column} [{key}={wanted}]",
                }
            )
        )
    return _finish(pd.concat(parts, ignore_index=True))


def read_population(source_dir: Path) -> pd.DataFrame:
    frame = pd.read_csv(source_dir / POPULATION_FILE, dtype=str, encoding="utf-8-sig")
    frame = frame[frame["age_group"] == "Children aged 0 to 17 years"]
    return _finish(
        pd.DataFrame(
            {
                "la_code": ees_la_code(frame),
                "indicator": POPULATION.code,
                "period": frame["time_period"].map(parse_period),
                "value": frame["population_estimate"].map(parse_value),
                "source": POPULATION_FILE,
                "measure": "population_estimate [Children aged 0 to 17 years]",
            }
        )
    )


def read_ro3(source_dir: Path, ons_to_la: dict[str, str]) -> pd.DataFrame:
    """MHCLG RO3 outturn (£ thousand, header on the row that starts 'E-code') as £."""
    sheets = pd.read_excel(source_dir / RO3_FILE, sheet_name=None, header=None, engine="odf")
    sheet = next(s for name, s in sheets.items() if name.startswith("RO3_LA_Data"))
    header_row = sheet.index[sheet.iloc[:, 0].astype(str).str.strip() == "E-code"][0]
    data = sheet.iloc[header_row + 1 :].copy()
    data.columns = [str(c).strip() for c in sheet.iloc[header_row]]
    period = parse_period(_ro3_year(sheet))
    england = data["Class"].astype(str).str.strip().eq("Eng")
    codes = data["ONS Code"].map(lambda c: ons_to_la.get(str(c).strip())).where(~england, ENGLAND)
    parts = []
    for indicator, column in [
        (RO3_CSC_GROSS, "TOTAL CHILDREN SOCIAL CARE - Total Expenditure (C3 = C1 + C2)"),
        (RO3_CSC_NET, "TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure (C7 = C3 - C6)"),
    ]:
        thousands = data[column].map(parse_value)
        parts.append(
            pd.DataFrame(
                {
                    "la_code": codes,
                    "indicator": indicator.code,
                    "period": period,
                    "value": thousands * 1000.0,
                    "source": RO3_FILE,
                    "measure": column,
                }
            )
        )
    return _finish(pd.concat(parts, ignore_index=True))


def _ro3_year(sheet: pd.DataFrame) -> str:
    """The financial year in the sheet's title ("Revenue Outturn (RO) 2024-25: ...")."""
    title = str(sheet.iloc[0, 0])
    match = re.search(r"(\d{4}-\d{2})", title)
    if not match:
        raise ValueError(f"no financial year in RO3 title {title!r}")
    return match.group(1)
