"""What the benchmark table holds: each series, where it is read from, and how it is shown.

A `Series` is one published measure imported as it is (gross spend, a rate, a unit cost).
An `Indicator` is what a review pack shows: a series as published, or one derived at build time
(spend per child = gross spend / ONS population aged 0-17 of the matching year), or on load (a
count of children per 10,000 children aged 0-17, from the same population figures).
"""

from __future__ import annotations

from dataclasses import dataclass

LAIT_FILE = "lait/bds_long_0.parquet"
LA_LIST_FILE = "lait/la_code_list.xlsx"
SN_XLSX_FILE = "lait/sn_may_2025.xlsx"
SN_CSV_FILE = "ees/sn_model_2025_wide.csv"
POPULATION_FILE = "ees/ons_mid-year_population_estimates_2012_to_2024.csv"
PLACEMENTS_FILE = "ees/cla_31_march_placement_type_and_provider.csv"
REREFERRALS_FILE = "ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
REPEAT_CP_FILE = "ees/d3_cpps_subsequent_plan_2013_to_2025.csv"
WORKFORCE_FILE = "ees/csww_indicators_2017_to_2025.csv"
RO3_FILE = "ees/RO3_LA_Data_2024-25_data_by_LA.ods"
OFSTED_FILE = "ees/ofsted_Inspections_as_at_31_March.csv"
IOD2019_FILE = "iod/imd-2019-upper-tier-summaries.xlsx"
IOD2025_FILE = "iod/indices_of_deprivation_2025_lad.csv"
DISTRICTS_FILE = "ees/LTLA-UTLA_Apr23_Lookup_England-Wales.csv"
NAMES_FILE = "lookups/uk_local_authorities.csv"

# Each file's public name, as its publisher titles the data set (../benchmarks/SOURCES.md): what a
# pack's reader can look up, where the file's path is only where this project keeps its copy.
PUBLIC_NAMES = {
    LAIT_FILE: "DfE Local Authority Interactive Tool (LAIT) data set",
    LA_LIST_FILE: "DfE Local Authority Interactive Tool (LAIT) local authority list",
    SN_XLSX_FILE: "DfE children's services statistical neighbours (2025 model)",
    SN_CSV_FILE: "DfE children's services statistical neighbours (2025 model)",
    POPULATION_FILE: "ONS mid-year population estimates, 2012 to 2024",
    PLACEMENTS_FILE: "DfE Children looked after in England: placement type and provider at 31 March",
    REREFERRALS_FILE: "DfE Children in need: referrals and re-referrals, 2013 to 2025",
    REPEAT_CP_FILE: "DfE Children in need: child protection plans that were subsequent plans, 2013 to 2025",
    WORKFORCE_FILE: "DfE Children's social work workforce indicators, 2017 to 2025",
    RO3_FILE: "MHCLG Revenue outturn RO3 (social care), 2024-25, by local authority",
    OFSTED_FILE: "Ofsted children's social care inspections as at 31 March",
    IOD2019_FILE: "MHCLG English Indices of Deprivation 2019, upper-tier local authority summaries",
    IOD2025_FILE: "MHCLG English Indices of Deprivation 2025, local authority district summaries",
    DISTRICTS_FILE: "ONS lower tier to upper tier local authority lookup (April 2023)",
    NAMES_FILE: "mySociety UK local authority names and codes",
}


def public_name(file: str) -> str:
    """The data set's public name for a benchmark file; any other file (a council's document) as named."""
    return PUBLIC_NAMES.get(file, file)


ENGLAND = "970"  # LAIT's LA number for England; the table keys England's published values by it


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str  # gbp, gbp_per_child, gbp_per_week, rate_per_10k, percent, count
    # "s251", "unit_cost", "activity", "placement", "workforce", "send", "ro3", "population", and the
    # derived "spend_per_child" and "count_per_10k"
    kind: str
    description: str


def s251(code: str, label: str, line: str) -> Indicator:
    """An S251 spend line: LAIT's years are outturn ("2024-25 (OT)"), gross, whatever its line name
    ("... Budget ...") says; the description says both, so the pack's words and its sources agree."""
    return Indicator(code, label, "gbp", "s251", f"S251 outturn, gross (LAIT line: {line})")


# LAIT measure code -> indicator, imported as published (S251 £ gross; rates; weekly unit costs).
LAIT_SERIES: dict[str, Indicator] = {
    "C&YPExpenditure": s251(
        "s251_total_cyp_gross",
        "S251 children and young people's services, gross",
        "Children and Young People Budget (excluding CERA) - Gross",
    ),
    "TotalLACFinance": s251(
        "s251_lac_gross", "S251 children looked after, gross", "Total Children Looked After (finance)"
    ),
    "SafeguardingFinance": s251(
        "s251_safeguarding_gross",
        "S251 safeguarding, gross",
        "Total Safeguarding Children and Young Peoples Services (finance)",
    ),
    "FamilySupportFinance": s251(
        "s251_family_support_gross", "S251 family support, gross", "Total Family Support Services (finance)"
    ),
    "SureStartFinance": s251(
        "s251_sure_start_gross",
        "S251 Sure Start children's centres, gross",
        "Sure Start Children's Centres (finance)",
    ),
    "YouthJusticeFinance": s251(
        "s251_youth_justice_gross", "S251 youth justice, gross", "Youth Justice (finance)"
    ),
    "YoungPeopleFinance": s251(
        "s251_young_people_gross",
        "S251 services for young people, gross",
        "Total Services for Young People (finance)",
    ),
    "OtherChildren&FamilyFinance": s251(
        "s251_other_children_family_gross",
        "S251 other children and family services, gross",
        "Other children and family services (finance)",
    ),
    "LeaveCareSupServTotExp": s251(
        "s251_leaving_care_gross",
        "S251 leaving care support, gross",
        "LAC Leaving care support services - Total Expenditure",
    ),
    "LACFinance": Indicator(
        "unit_cost_lac_weekly",
        "Children looked after: cost per child per week",
        "gbp_per_week",
        "unit_cost",
        "Looked after Children Finance (S251 unit cost, £ per child per week)",
    ),
    "FosteringFinance": Indicator(
        "unit_cost_fostering_weekly",
        "Fostering: cost per child per week",
        "gbp_per_week",
        "unit_cost",
        "Fostering Finance (S251 unit cost, £ per child per week)",
    ),
    "RescareFinance": Indicator(
        "unit_cost_residential_weekly",
        "Residential care: cost per child per week",
        "gbp_per_week",
        "unit_cost",
        "Residential Care Finance (S251 unit cost, £ per child per week)",
    ),
    "LAC": Indicator(
        "cla_rate_per_10k",
        "Children looked after per 10,000 children",
        "rate_per_10k",
        "activity",
        "Children Looked after rate per 10,000 (31 March)",
    ),
    "LACnum": Indicator(
        "cla_number",
        "Children looked after at 31 March",
        "count",
        "activity",
        "Number of Looked after Children (31 March)",
    ),
    "CIN": Indicator(
        "cin_rate_per_10k",
        "Children in need per 10,000 children",
        "rate_per_10k",
        "activity",
        "Children in Need rate per 10,000 (31 March)",
    ),
    "CPP_rate": Indicator(
        "cp_rate_per_10k",
        "Children on a child protection plan per 10,000 children",
        "rate_per_10k",
        "activity",
        "Rate of children who were the subject of a child protection plan at 31 March per 10,000",
    ),
    "LAC_Foster_Placements": Indicator(
        "placement_fostering_pct",
        "Children looked after in foster placements",
        "percent",
        "placement",
        "% of children looked after in foster placements",
    ),
    "LAC_SecHome_And_ChildHome": Indicator(
        "placement_residential_pct",
        "Children looked after in secure or children's homes",
        "percent",
        "placement",
        "% of children looked after in secure homes and children's homes",
    ),
    # What drives children's costs (issue 10): demand entering care, UASC, costly settings,
    # workforce churn and EHC plans. LAIT polarity: turnover and vacancy "Low"; the rest none.
    "LAC_Start_Rate": Indicator(
        "cla_starts_rate_per_10k",
        "Children starting to be looked after per 10,000 children",
        "rate_per_10k",
        "activity",
        "Rate of children who started to be looked after during the year ending 31 March, per 10,000",
    ),
    "Unacc_Asylmn_Seek_Childn": Indicator(
        "uasc_number",
        "Unaccompanied asylum-seeking children looked after",
        "count",
        "activity",
        "Number of unaccompanied asylum-seeking children looked after at 31 March",
    ),
    "Unacc_Asylmn_Seek_Childn%": Indicator(
        "uasc_pct",
        "Children looked after who are unaccompanied asylum-seeking children",
        "percent",
        "activity",
        "% of children looked after at 31 March who are unaccompanied asylum-seeking children",
    ),
    "LAC_Ind_SInd_Liv_Arr": Indicator(
        "placement_independent_living_pct",
        "Children looked after in independent or semi-independent living or supported accommodation",
        "percent",
        "placement",
        "% of children looked after in independent and semi-independent living arrangements/supported "
        "accommodation (31 March)",
    ),
    "Work_Force_TO_Rate": Indicator(
        "social_worker_turnover_rate",
        "Children's social worker turnover (FTE rate)",
        "percent",
        "workforce",
        "Turnover rate of children and family social workers (FTE), year to 30 September",
    ),
    "Work_Force_Vac_Rate": Indicator(
        "social_worker_vacancy_rate",
        "Children's social worker vacancies (FTE rate)",
        "percent",
        "workforce",
        "Vacancy rate of children and family social workers (FTE) at 30 September",
    ),
    "SEN_TotStat": Indicator(
        "ehc_plan_pupils_pct",
        "Pupils with an EHC plan or SEN statement",
        "percent",
        "send",
        "% of pupils in all schools with a statement of SEN or an EHC plan (January school census)",
    ),
    "SEN_CASES_JAN": Indicator(
        "ehc_plan_number",
        "Children and young people with an EHC plan",
        "count",
        "send",
        "Number of children and young people with an EHC plan in January (SEN2)",
    ),
}

# EES files: (file, value column, row filter column, row filter value) -> indicator.
EES_SERIES: dict[tuple[str, str, str | None, str | None], Indicator] = {
    (REREFERRALS_FILE, "rereferral_percent", None, None): Indicator(
        "rereferral_pct",
        "Referrals within 12 months of a previous referral",
        "percent",
        "activity",
        "Re-referrals within 12 months, % of referrals (CIN census c1: rereferral_percent)",
    ),
    (REPEAT_CP_FILE, "CPP_subsequent_percent", None, None): Indicator(
        "repeat_cp_plan_pct",
        "Child protection plans that are a second or subsequent plan",
        "percent",
        "activity",
        "Second or subsequent CP plans, % of plans started (CIN census d3: CPP_subsequent_percent)",
    ),
    (WORKFORCE_FILE, "agency_rate_fte", None, None): Indicator(
        "agency_social_worker_rate",
        "Agency children's social workers (FTE rate)",
        "percent",
        "workforce",
        "Agency worker rate, % of FTE children's social workers at 30 September (CSWW: agency_rate_fte)",
    ),
    (PLACEMENTS_FILE, "percentage", "characteristic", "Own provision (by the LA)"): Indicator(
        "placement_own_provision_pct",
        "Children looked after placed in the LA's own provision",
        "percent",
        "placement",
        "% of children looked after at 31 March by placement provider: own provision (by the LA)",
    ),
    (PLACEMENTS_FILE, "percentage", "characteristic", "Private provision"): Indicator(
        "placement_private_provision_pct",
        "Children looked after placed with private providers",
        "percent",
        "placement",
        "% of children looked after at 31 March by placement provider: private provision",
    ),
}

POPULATION = Indicator(
    "population_0_17",
    "Children aged 0-17 (ONS mid-year estimate)",
    "count",
    "population",
    "ONS mid-year population estimate, children aged 0 to 17",
)
RO3_CSC_GROSS = Indicator(
    "ro3_csc_gross",
    "RO3 children's social care, total expenditure",
    "gbp",
    "ro3",
    "RO3 TOTAL CHILDREN SOCIAL CARE - Total Expenditure (C3 = C1 + C2), £",
)
RO3_CSC_NET = Indicator(
    "ro3_csc_net",
    "RO3 children's social care, net current expenditure",
    "gbp",
    "ro3",
    "RO3 TOTAL CHILDREN SOCIAL CARE - Net Current Expenditure (C7 = C3 - C6), £",
)


def per_child(gross: Indicator) -> Indicator:
    """The spend-per-child indicator derived from a gross spend series."""
    base = gross.code.removesuffix("_gross")
    return Indicator(
        f"{base}_spend_per_child",
        gross.label.removesuffix(", gross") + " per child aged 0-17",
        "gbp_per_child",
        "spend_per_child",
        f"{gross.description} / ONS population aged 0-17 (mid-year of the financial year's start)",
    )


def per_10k_children(count: Indicator) -> Indicator:
    """The rate derived from a count: per 10,000 children aged 0-17 (ONS), as DfE states its rates.

    A count says mostly how large a council is: it is compared, ranked and flagged only as this rate
    (analyse.benchmarks.indicators.compared), and England's count, a national total, never.
    """
    base = count.code.removesuffix("_number")
    return Indicator(
        f"{base}_per_10k_children",
        f"{count.label} per 10,000 children aged 0-17",
        "rate_per_10k",
        "count_per_10k",
        f"{count.description} x 10,000 / ONS population aged 0-17 (mid-year before the 31 March)",
    )


GROSS_SPEND = [i for i in LAIT_SERIES.values() if i.kind == "s251"] + [RO3_CSC_GROSS]
PER_CHILD = {g.code: per_child(g) for g in GROSS_SPEND}
# Every count of children the table holds (not the population itself), with the rate it is compared as.
PER_10K = {c.code: per_10k_children(c) for c in LAIT_SERIES.values() if c.unit == "count"}

# What a review pack shows, in order.
HEADLINE = [PER_CHILD[g.code].code for g in GROSS_SPEND] + [
    "unit_cost_lac_weekly",
    "unit_cost_fostering_weekly",
    "unit_cost_residential_weekly",
    "cla_rate_per_10k",
    "cin_rate_per_10k",
    "cp_rate_per_10k",
    "rereferral_pct",
    "repeat_cp_plan_pct",
    "placement_fostering_pct",
    "placement_residential_pct",
    "placement_own_provision_pct",
    "placement_private_provision_pct",
    "placement_independent_living_pct",
    "cla_starts_rate_per_10k",
    "uasc_number",
    "uasc_pct",
    "agency_social_worker_rate",
    "social_worker_turnover_rate",
    "social_worker_vacancy_rate",
    "ehc_plan_pupils_pct",
    "ehc_plan_number",
]


def all_indicators() -> dict[str, Indicator]:
    found = list(LAIT_SERIES.values()) + list(EES_SERIES.values()) + [POPULATION, RO3_CSC_GROSS, RO3_CSC_NET]
    found += list(PER_CHILD.values()) + list(PER_10K.values())
    return {i.code: i for i in found}
