"""``reviewdesk score sheet`` and ``score set --rubric`` choose and keep a case's 2024 sheet."""

from __future__ import annotations

import pytest


@pytest.fixture
def imported(cli, demo_disc):
    result = cli("import", demo_disc.root)
    assert result.code in (0, 1), result.err  # 1: the demo disc carries problems on purpose
    cases = cli("cases", "--json").json()
    return {c["case_type"]: c["id"] for c in cases}


def test_score_sheet_shows_sets_and_resets_the_choice(cli, imported) -> None:
    seizure = imported["seizure"]
    shown = cli("score", "sheet", str(seizure), "--json")
    assert shown.code == 0, shown.err
    assert shown.json()["rubric"] == "case-review-2024-seizure" and shown.json()["reason"] == "case_type"
    general = imported["general_penalty"]
    chosen = cli("score", "sheet", str(general), "case-review-2024-no-penalty", "--json").json()
    assert chosen["rubric"] == "case-review-2024-no-penalty" and chosen["reason"] == "override"
    # the family id scores the case on its chosen sheet
    scored = cli("score", "set", str(general), "filing_approval=4", "--rubric", "case-review-2024", "--json")
    assert scored.code == 0, scored.err
    assert scored.json()["rubric"] == "case-review-2024-no-penalty"
    back = cli("score", "sheet", str(general), "--auto", "--json").json()
    assert back["rubric"] == "case-review-2024-general" and back["scored_on"] == [
        "case-review-2024-no-penalty"
    ]
    refused = cli("score", "sheet", str(general), "transcripts-2024")
    assert refused.code == 2 and "不是 case-review-2024 的评查表" in refused.err


def test_scoring_on_another_sheet_of_the_family_chooses_it(cli, imported) -> None:
    daily = imported["daily_penalty"]
    result = cli(
        "score", "set", str(daily), "police_filing=15", "--rubric", "case-review-2024-crime-referral"
    )
    assert result.code == 0, result.err
    assert "改用评查表 case-review-2024-crime-referral" in result.out
    assert cli("score", "sheet", str(daily), "--json").json()["reason"] == "override"


def test_case_closed_is_a_fact_the_expert_sets(cli, imported) -> None:
    general = imported["general_penalty"]
    asked = cli("score", "set", str(general), "--missing", "closing_approval", "--rubric", "case-review-2024")
    assert "请确认“案件已结案”" in asked.out
    answered = cli(
        "score", "set", str(general), "--fact", "case_closed=no", "--rubric", "case-review-2024", "--json"
    )
    assert answered.json()["inputs"]["facts"] == {"case_closed": False}
    assert answered.json()["result"]["items"]["closing_approval"] is None
    bad = cli("score", "set", str(general), "--fact", "case_closed=maybe", "--rubric", "case-review-2024")
    assert bad.code == 2 and "yes、no 或 unknown" in bad.err
