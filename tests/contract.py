"""JSON Schemas transcribed from ../shared/contracts/ (extraction.md, review.md).

Only the fields the contracts name are required; the contracts allow added fields.
"""

from __future__ import annotations

from typing import Any

import jsonschema

NUM = {"type": ["number", "null"]}
STR = {"type": ["string", "null"]}
PERIOD = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}$"}

PROVENANCE = {
    "type": "object",
    "required": ["file", "sha256", "page", "bbox", "locator", "text"],
    "properties": {
        "file": {"type": "string"},
        "sha256": {"type": "string"},
        "page": {"type": ["integer", "null"], "minimum": 1},
        "bbox": {
            "anyOf": [
                {"type": "null"},
                {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
            ]
        },
        "locator": {"type": "string"},
        "text": {"type": "string"},
    },
}
PROVENANCES = {"type": "array", "items": PROVENANCE, "minItems": 1}

DOCUMENT = {
    "type": "object",
    "required": ["file", "sha256", "kind", "status", "pages", "errors"],
    "properties": {
        "kind": {
            "enum": [
                "savings_plan",
                "mtfp",
                "budget_monitoring",
                "strategic_plan",
                "committee_report",
                "risk_register",
                "other",
            ]
        },
        "status": {"enum": ["ok", "partial", "failed"]},
        "pages": {"type": ["integer", "null"]},
        "errors": {"type": "array", "items": {"type": "object", "required": ["code", "message", "page"]}},
    },
}
PLAN_LINE = {
    "type": "object",
    "required": [
        "title",
        "description",
        "ref",
        "category",
        "directorate",
        "service_area",
        "planned",
        "provenance",
    ],
    "properties": {
        "planned": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["period", "amount_gbp"],
                "properties": {"period": PERIOD, "amount_gbp": {"type": "number"}},
            },
        },
        "provenance": PROVENANCES,
    },
}
SAVINGS_LINE = {
    "type": "object",
    "allOf": [PLAN_LINE],
    "required": [
        "period",
        "target_gbp",
        "forecast_gbp",
        "shortfall_gbp",
        "undeliverable_gbp",
        "slipped_gbp",
        "rag",
        "status_text",
        "at_risk",
        "risk_reasons",
    ],
    "properties": {
        "period": PERIOD,
        "target_gbp": NUM,
        "forecast_gbp": NUM,
        "shortfall_gbp": NUM,
        "undeliverable_gbp": NUM,
        "slipped_gbp": NUM,
        "rag": {"enum": ["red", "amber", "green", "blue", None]},
        "at_risk": {"type": "boolean"},
        "risk_reasons": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "evidence", "provenance"],
                "properties": {"provenance": PROVENANCES},
            },
        },
    },
}
BUDGET_LINE = {
    "type": "object",
    "required": [
        "name",
        "directorate",
        "level",
        "period",
        "budget_gbp",
        "forecast_gbp",
        "variance_gbp",
        "provenance",
    ],
    "properties": {
        "level": {"enum": ["total", "directorate", "service_line"]},
        "period": PERIOD,
        "budget_gbp": NUM,
        "forecast_gbp": NUM,
        "variance_gbp": NUM,
        "provenance": PROVENANCES,
    },
}
FIGURE = {
    "type": "object",
    "required": ["value", "unit", "period", "label", "text", "provenance"],
    "properties": {
        "value": {"type": "number"},
        "unit": {"enum": ["gbp", "gbp_per_child", "percent", "count", "rate_per_10k"]},
        "period": PERIOD,
        "provenance": PROVENANCES,
    },
}
TABLE = {
    "type": "object",
    "required": ["file", "page", "bbox", "rows", "provenance"],
    "properties": {
        "rows": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
        "provenance": PROVENANCES,
        # An extension: each row's own box, one per row, where the reader placed its words.
        "row_boxes": {
            "type": "array",
            "items": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
        },
    },
}
EXTRACTION = {
    "type": "object",
    "required": ["documents", "savings", "pressures", "budget_lines", "figures", "tables"],
    "properties": {
        "documents": {"type": "array", "items": DOCUMENT},
        "savings": {"type": "array", "items": SAVINGS_LINE},
        "pressures": {"type": "array", "items": PLAN_LINE},
        "budget_lines": {"type": "array", "items": BUDGET_LINE},
        "figures": {"type": "array", "items": FIGURE},
        "tables": {"type": "array", "items": TABLE},
    },
}
# The review's extensions (review.md allows fields to be added): every flag and question is placed
# in one scope, and the children's headline says whether the document's arithmetic verifies it.
SCOPES = [
    "childrens_social_care",
    "education_send_transport",
    "dsg_high_needs",
    "adults_in_childrens_directorate",
    "council_wide",
    "other_directorate",
    "capital",
]
SCOPE = {"enum": [*SCOPES, None]}
REVIEW = {
    "type": "object",
    "required": [
        "council",
        "documents",
        "position",
        "savings_summary",
        "flags",
        "benchmarks",
        "drivers",
        "scenarios",
        "themes",
        "lines_of_enquiry",
    ],
    "properties": {
        "council": {
            "type": "object",
            "required": ["name", "la_code", "ons_code", "region", "la_type", "identified_from"],
        },
        "documents": {"type": "array", "items": DOCUMENT},
        "position": {
            "type": "object",
            "required": ["period", "budget_gbp", "forecast_gbp", "variance_gbp", "children_services"],
            "properties": {
                "children_services": {
                    "type": "object",
                    "required": ["budget_gbp", "forecast_gbp", "variance_gbp", "verification"],
                    "properties": {
                        "verification": {
                            "enum": ["verified", "unchecked", "contradicted", "confirmed", "corrected", None]
                        }
                    },
                }
            },
        },
        "savings_summary": {
            "type": "object",
            "required": ["period", "target_gbp", "forecast_gbp", "at_risk_gbp", "at_risk_count", "lines"],
        },
        "flags": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "severity", "subject", "message", "amount_gbp", "provenance", "scope"],
                "properties": {
                    "severity": {"enum": ["high", "medium", "low"]},
                    "provenance": PROVENANCES,
                    # never another directorate's line nor a capital scheme
                    "scope": {"enum": [*SCOPES[:5], None]},
                },
            },
        },
        "benchmarks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "indicator",
                    "label",
                    "unit",
                    "period",
                    "value",
                    "statistical_neighbours",
                    "region",
                    "england",
                    "rank",
                    "of",
                    "quartile",
                    "trend",
                    "provenance",
                ],
                "properties": {"provenance": PROVENANCES},
            },
        },
        "drivers": {"type": "object", "required": ["model", "expected_value", "actual_value", "factors"]},
        "scenarios": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "assumptions", "annual_saving_gbp", "explanation"],
            },
        },
        "themes": {"type": "array", "items": {"type": "object", "required": ["theme", "evidence"]}},
        "lines_of_enquiry": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["question", "because", "provenance", "scope"],
                "properties": {"scope": {"enum": [*SCOPES[:5], None]}},
            },
        },
    },
}


def check_extraction(data: Any) -> None:
    jsonschema.validate(data, EXTRACTION)


def check_review(data: Any) -> None:
    jsonschema.validate(data, REVIEW)
