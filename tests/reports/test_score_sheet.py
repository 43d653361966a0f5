"""The expert's PDF score sheet: the rubric by its title, a real date, signed and numbered on every page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pymupdf

from app.reports.score_sheet import render_score_sheet
from app.rubric import catalog
from app.rubric.engine import compute_case


def _sheet(rubric_ids: list[str]) -> bytes:
    rubrics = {rid: catalog.get(rid, None) for rid in rubric_ids}
    entries = []
    for number, rubric in enumerate(rubrics.values(), 1):
        scores = {
            item.id: {"criteria": {c.id: float(c.points) for c in item.criteria[:-1]}}
            if item.criteria
            else float(item.points)
            for item in rubric.items
        }
        inputs = {"scores": scores, "deductions": {"transcript_elements": {"p3": ["time_place"]}}}
        entries.append(
            {
                "rubric": rubric.id,
                "inputs": inputs,
                "result": compute_case(rubric, inputs).as_json(),
                "status": "complete",
                "source_path": f"disc/{number}.pdf",
                "sha256": "ab" * 32,
                "pages": 16,
                "unit": "海西州生态环境局",
                "case_number": f"海环罚〔2024〕{number}号",
                "case_type": "general_penalty",
            }
        )
    header = {
        "expert": {"name": "李明", "unit": "省厅", "number": "7", "fingerprint": "cd" * 32},
        "created_at": datetime.now().astimezone().isoformat(),
        "package_id": "0123456789abcdef",
        "sequence": 1,
        "rubrics": [{"id": r.id, "title": r.title} for r in rubrics.values()],
    }
    return render_score_sheet(header, entries, rubrics).pdf


def test_every_page_carries_the_signature_line_and_its_number_of_the_total() -> None:
    pdf = _sheet(["case-review-2024-general", "transcripts-2024"])
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        total = doc.page_count
        assert total >= 3
        for number, page in enumerate(doc, 1):
            text = page.get_text()
            assert "评审专家（签字）" in text, number
            assert f"第{number}页 共{total}页" in text, number


def test_the_rubric_is_named_by_its_title_and_the_points_read_alike() -> None:
    pdf = _sheet(["transcripts-2024"])
    rubric = catalog.get("transcripts-2024", None)
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        summary = doc[0].get_text().replace("\n", "")
        body = "".join(page.get_text() for page in doc)
    assert rubric.title[: rubric.title.index("（")] in summary  # the title wraps in its cell after this
    assert "transcripts-2024" not in summary
    # criteria scored, the last of each left out: shown as —, every number with two places
    assert "5.25" in body and "31.50" in body and "−3.00" in body


def test_the_creation_date_is_now_in_local_time() -> None:
    pdf = _sheet(["transcripts-2024"])
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        stamp = doc.metadata["creationDate"]
    made = datetime.strptime(stamp[2:16], "%Y%m%d%H%M%S")
    assert abs(made - datetime.now()) < timedelta(minutes=5), stamp
