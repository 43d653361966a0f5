"""The import-then-analyse driver: the order the expert needs, once per file, and a cancel that keeps work."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.analysis.analyzer import FileAnalysis
from app.models.cases import CaseFile
from app.workflow import (
    WorkflowEvents,
    analyse_born_digital,
    analyse_cases,
    import_and_analyse,
    unanalysed_cases,
)


@dataclass
class RecordingAnalyzer:
    """Stands in for the analyser (its own tests cover it): records the order of its calls."""

    calls: list[tuple[str, bool]] = field(default_factory=list)

    def analyze_file(self, sha256: str, label: str, force: bool = False, titles_only: bool = False):
        self.calls.append((sha256, titles_only))
        return FileAnalysis(sha256, label, "analysed")


def _case(case_id: int, sha: str) -> CaseFile:
    return CaseFile(case_id, case_id, sha, f"case{case_id}.pdf", "disc", 3, True, "")


def test_documents_of_every_case_before_anyones_full_text_and_duplicates_once() -> None:
    cases = [_case(1, "a"), _case(2, "b"), _case(3, "a"), _case(4, "c")]
    analyzer = RecordingAnalyzer()
    analyse_cases(analyzer, cases)  # type: ignore[arg-type]
    assert analyzer.calls == [("a", True), ("b", True), ("c", True), ("a", False), ("b", False), ("c", False)]


def test_the_case_the_expert_opens_goes_next() -> None:
    cases = [_case(1, "a"), _case(2, "b"), _case(3, "c"), _case(4, "d")]
    analyzer = RecordingAnalyzer()
    focus = {"id": 3}

    def done(_result: FileAnalysis) -> None:
        if len(analyzer.calls) == 2:
            focus["id"] = 2  # the expert moves on while the job runs

    events = WorkflowEvents(focus=lambda: focus["id"], on_file_done=done)
    analyse_cases(analyzer, cases, full_text=False, events=events)  # type: ignore[arg-type]
    assert [sha for sha, _ in analyzer.calls] == ["c", "a", "b", "d"]


def test_cancel_stops_between_files() -> None:
    analyzer = RecordingAnalyzer()
    events = WorkflowEvents(cancelled=lambda: len(analyzer.calls) >= 1)
    analyse_cases(analyzer, [_case(1, "a"), _case(2, "b")], events=events)  # type: ignore[arg-type]
    assert analyzer.calls == [("a", True)]


def test_import_then_analyse_leaves_only_the_scans_waiting(store, tmp_path: Path) -> None:
    from app.demo.disc import generate_demo_disc

    disc = generate_demo_disc(tmp_path / "disc", scans=False)
    imported: list[object] = []
    report = import_and_analyse(
        store,
        "tester",
        [disc.root],
        full_text=False,
        analyse=analyse_born_digital,
        events=WorkflowEvents(on_imported=imported.append),
    )
    assert report.imported is not None and report.imported.exit_code in (0, 1)
    assert imported == [report.imported]
    assert report.analysed and all(r.status == "analysed" for r in report.analysed)
    assert unanalysed_cases(store, "segmented") == []
    # nothing left to do: a second run analyses nothing
    again = import_and_analyse(store, "tester", [], full_text=False)
    assert again.analysed == [] and again.imported is None
