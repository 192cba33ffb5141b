"""Write the Great Expectations suites in `expectations/` (one JSON file per staged frame).

The JSON files are the committed, reviewed artefact; this script is how they are (re)made, so a
rule is changed here and the files are rewritten, never at load time. Output is deterministic:
ids are uuid5 of suite name and rule, keys sorted, so re-running without edits changes nothing.

    python scripts/write_suites.py          # rewrite expectations/*.json
    python scripts/write_suites.py --check  # exit 1 when a file differs from what would be written

Every expectation declares in its meta the `action` the gate takes when it fails:
`fail_batch` (the whole batch is quarantined: a broken pipeline, not a strange article),
`drop_article` (the offending articles, with every row they have in every frame, are set aside
in the article-level quarantine; the rest loads) or `warn` (recorded, the rows load). A `warn`
with `set_null` sets the offending values to NULL (field-level doubt) and records each one.

Vocabularies are those of the data contract (DESIGN.md, "Vocabularies"), read from their one
source, `pilkada.vocabularies`. Values that depend on the run come in as suite parameters
(`{"$PARAMETER": name}`), filled by `pilkada.quality.gate`:
`today` (upper bound of dates), and for foreign keys `unknown_article_ids`,
`unknown_region_codes`, `unknown_province_codes`: the values of the checked column(s) that are
missing from the reference set (the batch's articles, dim_region, the list's provinces). GX
then counts and samples the offending rows. A value set of the whole reference (5000 article
ids, 552 region codes) would be correct too, but GX 1.24 re-serialises a value set about a
hundred times per expectation, which costs about a second per batch for 5000 ids.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's pilkada

from pilkada import vocabularies  # noqa: E402 - the one source of the vocabularies
from pilkada.quality.actions import ACTIONS  # noqa: E402 - the one list of gate actions

EXPECTATIONS_DIR = Path(__file__).resolve().parents[1] / "expectations"
NAMESPACE = uuid.UUID("5b0f3c1e-7d1a-4c39-9d0e-5f6a1c2b3d4e")  # fixed: ids never change

# DESIGN.md vocabularies, from their one source (pilkada/lexicons/vocabularies.yaml).
MODES = list(vocabularies.values("mode"))
CONVENING_LEVELS = list(vocabularies.values("convening_level"))
MEETING_REGION_ROLES = list(vocabularies.values("meeting_region_role"))
PARTICIPANT_ROLES = list(vocabularies.values("participant_role"))
INSTITUTION_KINDS = list(vocabularies.values("institution_kind"))
TOPICS = list(vocabularies.values("topic"))
REGION_LEVELS = list(vocabularies.values("region_level"))
# Domain ranges, not the seeds' range. Direct regional elections exist since June 2005 (the
# first, Kutai Kartanegara, 1 June 2005: UU 32/2004); meetings preparing an election start a
# year or more before it, so a meeting date earlier than a year before that is implausible.
FIRST_DIRECT_PILKADA = dt.date(2005, 6, 1)
MEETING_LEAD_YEARS = 1
FIRST_MEETING_DATE = FIRST_DIRECT_PILKADA.replace(
    year=FIRST_DIRECT_PILKADA.year - MEETING_LEAD_YEARS
).isoformat()
# The simultaneous waves held and scheduled (calendar.yaml: UU 8/2015, UU 10/2016).
ELECTION_YEARS = list(vocabularies.election_years())
N_PROVINCES = 38
FIRST_PUBLISHED_DATE = "2000-01-01"
# A batch in which more than this share of articles is set aside is quarantined whole: so many
# strange articles at once signal a broken pipeline, not strange articles (judged once at
# least MIN_DROPPED articles are set aside, so one odd article never stops a small batch).
MAX_DROPPED_SHARE = 0.02
MIN_DROPPED = 3
MIN_REPORTS_FOR_SHARES = 20  # batch shares are only judged on this many meeting reports
MIN_SHARE_DATED = 0.5
MIN_SHARE_WITH_REGION = 0.5

TODAY = {"$PARAMETER": "today"}
UNKNOWN_ARTICLES = {"$PARAMETER": "unknown_article_ids"}
UNKNOWN_REGIONS = {"$PARAMETER": "unknown_region_codes"}
UNKNOWN_PROVINCES = {"$PARAMETER": "unknown_province_codes"}


def cond(column: str, operator: str, value: Any) -> dict:
    """A GX 1.x row condition (serialised `Column(column) <op> value`)."""
    return {"type": "comparison", "column": {"name": column}, "operator": operator,
            "parameter": value}


WARN, DROP, FAIL = ACTIONS


def rule(slug: str, expectation_type: str, notes: str, action: str, *, set_null: bool = False,
         **kwargs: Any) -> dict:
    """One expectation: `slug` is its stable name, shown in dq results and Data Docs; `action`
    is what the gate does when it fails (`set_null`: a `warn` that NULLs the offending values)."""
    if action not in ACTIONS or (set_null and action != WARN):
        raise ValueError(f"{slug}: action {action!r} (set_null={set_null}) is not one of {ACTIONS}")
    return {"rule": slug, "type": expectation_type, "notes": notes, "action": action,
            "set_null": set_null, "kwargs": kwargs}


def columns(*names: str) -> dict:
    return rule("columns", "expect_table_columns_to_match_set", "the frame has these columns "
                "(others may follow)", FAIL, column_set=list(names), exact_match=False)


def not_null(column: str, action: str = FAIL) -> dict:
    return rule(f"{column}.not_null", "expect_column_values_to_not_be_null",
                f"{column} is always given", action, column=column)


def non_blank(column: str, action: str = DROP) -> dict:
    return rule(f"{column}.non_blank", "expect_column_values_to_match_regex",
                f"{column} has at least one non-space character", action, column=column,
                regex=r"\S")


def in_set(column: str, values: list, what: str, action: str = FAIL, *,
           set_null: bool = False) -> dict:
    return rule(f"{column}.in_vocabulary", "expect_column_values_to_be_in_set",
                f"{column} is one of the {what}; NULL passes this check", action,
                set_null=set_null, column=column, value_set=values)


def fk_article(column: str = "article_id") -> dict:
    return rule(f"{column}.in_batch", "expect_column_values_to_not_be_in_set",
                f"foreign key: {column} is an article of this batch (the gate passes the "
                f"{column} values missing from the batch's articles as unknown_article_ids)",
                FAIL, column=column, value_set=UNKNOWN_ARTICLES)


def fk_region(column: str) -> dict:
    return rule(f"{column}.in_dim_region", "expect_column_values_to_not_be_in_set",
                f"foreign key: {column} is a code of dim_region (the gate passes the {column} "
                "values missing from params['region_codes'] as unknown_region_codes)",
                FAIL, column=column, value_set=UNKNOWN_REGIONS)


def evidence() -> list[dict]:
    """Evidence text and its span (the batch suite checks the span ends inside the text)."""
    return [
        not_null("evidence", DROP),
        non_blank("evidence", DROP),
        rule("evidence_end.after_start", "expect_column_pair_values_a_to_be_greater_than_b",
             "evidence_end > evidence_start: the evidence span is not empty", DROP,
             column_A="evidence_end", column_B="evidence_start", or_equal=False),
        rule("evidence_end.inside_text", "expect_column_pair_values_a_to_be_greater_than_b",
             "evidence_end <= the article's n_chars: the span ends inside its text (the gate "
             "adds the article's n_chars to the frame it checks as article_n_chars)", DROP,
             column_A="article_n_chars", column_B="evidence_end", or_equal=True,
             ignore_row_if="either_value_is_missing"),
    ]


SUITES: dict[str, dict] = {
    "official_regions": {
        "frame": "regions",
        "notes": "The official list of provinces and regencies/cities (Kemendagri codes), "
        "checked before it replaces dim_region.",
        "expectations": [
            columns("region_code", "name", "level", "province_code", "pilkada_2020",
                    "pilkada_2024"),
            not_null("region_code"),
            rule("region_code.unique", "expect_column_values_to_be_unique",
                 "one row per region code", FAIL, column="region_code"),
            rule("region_code.format", "expect_column_values_to_match_regex",
                 "Kemendagri dotted code: `35` (province) or `35.14` (regency/city)", FAIL,
                 column="region_code", regex=r"^\d{2}(?:\.\d{2})?$"),
            not_null("name"),
            not_null("level"),
            in_set("level", REGION_LEVELS, "region levels"),
            rule("provinces.count", "expect_table_row_count_to_equal",
                 f"Indonesia has {N_PROVINCES} provinces", FAIL,
                 value=N_PROVINCES, row_condition=cond("level", "==", "province")),
            rule("province_code.self", "expect_column_pair_values_to_be_equal",
                 "a province is its own province_code", FAIL,
                 column_A="region_code", column_B="province_code",
                 row_condition=cond("level", "==", "province")),
            not_null("province_code"),
            rule("province_code.exists", "expect_column_values_to_not_be_in_set",
                 "every regency's/city's province is in the list (the gate passes the "
                 "province_code values that are no province's code as unknown_province_codes)",
                 FAIL, column="province_code", value_set=UNKNOWN_PROVINCES),
            rule("pilkada_2020.bool", "expect_column_values_to_be_of_type",
                 "election flags are booleans", FAIL, column="pilkada_2020", type_="bool"),
            rule("pilkada_2024.bool", "expect_column_values_to_be_of_type",
                 "election flags are booleans", FAIL, column="pilkada_2024", type_="bool"),
        ],
    },
    "staged_articles": {
        "frame": "articles",
        "notes": "One row per article of the batch (dim_article + article_text).",
        "expectations": [
            columns("article_id", "source_uri", "url", "title", "outlet", "published_date",
                    "text", "n_chars", "is_meeting_report", "extractor_version", "batch_id"),
            not_null("article_id"),
            rule("article_id.unique", "expect_column_values_to_be_unique",
                 "one row per article (content hash)", FAIL, column="article_id"),
            rule("article_id.format", "expect_column_values_to_match_regex",
                 "article_id is 16 hex chars of the sha256 of the normalized text", FAIL,
                 column="article_id", regex=r"^[0-9a-f]{16}$"),
            not_null("source_uri"),
            not_null("text", DROP),
            non_blank("text"),
            rule("published_date.range", "expect_column_values_to_be_between",
                 "published_date (when known) is not in the future; an implausible one is set to "
                 "NULL",
                 WARN, set_null=True,
                 column="published_date", min_value=FIRST_PUBLISHED_DATE, max_value=TODAY),
            rule("is_meeting_report.bool", "expect_column_values_to_be_of_type",
                 "is_meeting_report is a boolean, never NULL", FAIL, column="is_meeting_report",
                 type_="bool"),
        ],
    },
    "staged_meeting_reports": {
        "frame": "meeting_reports",
        "notes": "One row per article that reports a meeting: that article's reading of it.",
        "expectations": [
            columns("article_id", "meeting_date", "date_evidence", "title", "meeting_type",
                    "mode", "venue", "convening_level", "convening_region_code",
                    "election_year"),
            not_null("article_id"),
            rule("article_id.unique", "expect_column_values_to_be_unique",
                 "one meeting report per article", FAIL, column="article_id"),
            fk_article(),
            rule("meeting_date.range", "expect_column_values_to_be_between",
                 f"meeting_date (when known) is between {FIRST_MEETING_DATE} (a year before the "
                 "first direct Pilkada) and today; an implausible one is set to NULL",
                 WARN, set_null=True,
                 column="meeting_date", min_value=FIRST_MEETING_DATE, max_value=TODAY),
            rule("meeting_date.not_after_published",
                 "expect_column_pair_values_a_to_be_greater_than_b",
                 "meeting_date (when known) is not after the article's published_date (the gate "
                 "adds published_date to the frame it checks); a later one is set to NULL",
                 WARN, set_null=True, column_A="published_date", column_B="meeting_date",
                 or_equal=True, ignore_row_if="either_value_is_missing"),
            in_set("mode", MODES, "meeting modes"),
            in_set("convening_level", CONVENING_LEVELS, "convening levels"),
            fk_region("convening_region_code"),
            in_set("election_year", ELECTION_YEARS, "simultaneous Pilkada waves (an election year "
                   "that is no wave is set to NULL)", WARN, set_null=True),
        ],
    },
    "staged_meeting_regions": {
        "frame": "meeting_regions",
        "notes": "Regions of each article's meeting with their role (bridge_meeting_region).",
        "expectations": [
            columns("article_id", "region_code", "role", "evidence_start", "evidence_end",
                    "evidence"),
            not_null("article_id"),
            fk_article(),
            not_null("region_code"),
            fk_region("region_code"),
            not_null("role"),
            in_set("role", MEETING_REGION_ROLES, "meeting-region roles"),
            rule("key.unique", "expect_compound_columns_to_be_unique",
                 "one row per article, region and role", FAIL,
                 column_list=["article_id", "region_code", "role"]),
            *evidence(),
        ],
    },
    "staged_participants": {
        "frame": "participants",
        "notes": "Participants of each article's meeting (fact_participant).",
        "expectations": [
            columns("article_id", "seq", "person_name", "position", "rank", "institution",
                    "institution_id", "institution_kind", "region_code", "role",
                    "evidence_start", "evidence_end", "evidence"),
            not_null("article_id"),
            fk_article(),
            rule("key.unique", "expect_compound_columns_to_be_unique",
                 "one row per article and seq", FAIL, column_list=["article_id", "seq"]),
            not_null("role"),
            in_set("role", PARTICIPANT_ROLES, "participant roles"),
            in_set("institution_kind", INSTITUTION_KINDS, "institution kinds"),
            fk_region("region_code"),
            *evidence(),
        ],
    },
    "staged_directives": {
        "frame": "directives",
        "notes": "Directives stated at each article's meeting (fact_directive).",
        "expectations": [
            columns("article_id", "seq", "issuer_name", "issuer_position",
                    "issuer_institution_kind", "topic", "text", "evidence_start",
                    "evidence_end", "evidence"),
            not_null("article_id"),
            fk_article(),
            rule("key.unique", "expect_compound_columns_to_be_unique",
                 "one row per article and seq", FAIL, column_list=["article_id", "seq"]),
            not_null("topic"),
            in_set("topic", TOPICS, "directive topics"),
            in_set("issuer_institution_kind", INSTITUTION_KINDS, "institution kinds"),
            not_null("text", DROP),
            non_blank("text"),
            *evidence(),
        ],
    },
    "batch": {
        "frame": "batch",
        "notes": "Batch-level checks on a one-row summary the gate computes from all frames "
        "(pilkada.quality.gate.batch_summary).",
        "expectations": [
            rule("n_articles.positive", "expect_column_values_to_be_between",
                 "a batch holds at least one article", FAIL, column="n_articles", min_value=1),
            rule("n_reports_unflagged.zero", "expect_column_values_to_be_between",
                 "every meeting report's article has is_meeting_report = true", FAIL,
                 column="n_reports_unflagged", min_value=0, max_value=0),
            rule("n_flagged_unreported.zero", "expect_column_values_to_be_between",
                 "every article with is_meeting_report = true has a meeting report", FAIL,
                 column="n_flagged_unreported", min_value=0, max_value=0),
            rule("n_evidence_beyond_text.zero", "expect_column_values_to_be_between",
                 "every evidence span ends inside its article's text (evidence_end <= n_chars)",
                 FAIL, column="n_evidence_beyond_text", min_value=0, max_value=0),
            rule("share_dated.min", "expect_column_values_to_be_between",
                 f"at least {MIN_SHARE_DATED:.0%} of the meeting reports have a meeting_date "
                 f"(judged from {MIN_REPORTS_FOR_SHARES} reports on)", WARN,
                 column="share_dated", min_value=MIN_SHARE_DATED, max_value=1,
                 row_condition=cond("n_meeting_reports", ">=", MIN_REPORTS_FOR_SHARES)),
            rule("share_with_region.min", "expect_column_values_to_be_between",
                 f"at least {MIN_SHARE_WITH_REGION:.0%} of the meeting reports name a meeting "
                 f"region (judged from {MIN_REPORTS_FOR_SHARES} reports on)", WARN,
                 column="share_with_region", min_value=MIN_SHARE_WITH_REGION, max_value=1,
                 row_condition=cond("n_meeting_reports", ">=", MIN_REPORTS_FOR_SHARES)),
            rule("share_dropped.max", "expect_column_values_to_be_between",
                 f"at most {MAX_DROPPED_SHARE:.0%} of the batch's articles are set aside by "
                 f"drop_article expectations (judged from {MIN_DROPPED} set aside on): more "
                 "signals a broken pipeline", FAIL,
                 column="share_dropped", min_value=0, max_value=MAX_DROPPED_SHARE,
                 row_condition=cond("n_dropped", ">=", MIN_DROPPED)),
        ],
    },
}


def parameters(expectations: list[dict]) -> list[str]:
    """Names of the suite parameters (`$PARAMETER`) the expectations use."""
    names = {
        value["$PARAMETER"]
        for exp in expectations
        for value in exp["kwargs"].values()
        if isinstance(value, dict) and "$PARAMETER" in value
    }
    return sorted(names)


def _set_null(exp: dict) -> dict:
    """meta `set_null`: the column whose offending values a `warn` sets to NULL (of a pair
    expectation, column_B: the one checked against column_A)."""
    if not exp["set_null"]:
        return {}
    return {"set_null": exp["kwargs"].get("column") or exp["kwargs"]["column_B"]}


def suite_json(name: str, spec: dict) -> dict:
    """The GX 1.x ExpectationSuite document for one suite, with fixed ids."""
    expectations = []
    for exp in spec["expectations"]:
        kwargs = dict(exp["kwargs"])
        expectations.append({
            "id": str(uuid.uuid5(NAMESPACE, f"{name}/{exp['rule']}")),
            "type": exp["type"],
            "kwargs": kwargs,
            "meta": {"rule": exp["rule"], "action": exp["action"], **_set_null(exp)},
            "notes": exp["notes"],
            "severity": "critical",
        })
    rules = [exp["meta"]["rule"] for exp in expectations]
    if len(set(rules)) != len(rules):
        raise ValueError(f"suite {name}: duplicate rule names {rules}")
    return {
        "name": name,
        "id": str(uuid.uuid5(NAMESPACE, name)),
        "expectations": expectations,
        "meta": {
            "frame": spec["frame"],
            "parameters": parameters(spec["expectations"]),
            "generated_by": "scripts/write_suites.py",
        },
        "notes": spec["notes"],
    }


def render(name: str) -> str:
    return json.dumps(suite_json(name, SUITES[name]), indent=2, sort_keys=True,
                      ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that differ")
    parser.add_argument("--out", type=Path, default=EXPECTATIONS_DIR)
    args = parser.parse_args(argv)
    stale = []
    for name in SUITES:
        path = args.out / f"{name}.json"
        text = render(name)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'differs' if args.check else 'wrote'}: {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
