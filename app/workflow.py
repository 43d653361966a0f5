"""Import, then analyse: the one driver that the desk's background job and the command line share.

Qt-free on purpose (the desk runs it in a child process, the CLI in its own). The order of analysis is
the expert's: the case in front of them first, every case's documents and transcripts before anyone's
remaining full text, so an imported disc becomes usable case by case instead of all at the end. Each
file is written by the analyser in its own transactions, so a cancel or a crash loses nothing done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.analysis.analyzer import ANALYZER_VERSION, AnalysisProgress, AnalysisReport, Analyzer, FileAnalysis
from app.intake.importer import Importer
from app.intake.outcome import ImportOutcome, Progress
from app.models.analysis_queue import analysis_states
from app.models.cases import CaseFile, CaseRepository
from app.models.store import Store

FULL = "complete"
"""an analysis state: every page's text is known (search finds everything)"""
DOCUMENTS = "segmented"
"""an analysis state: the documents and the transcripts' facts are known"""


@dataclass
class WorkflowEvents:
    """What the driver tells its caller; every callback is optional."""

    on_import: Callable[[Progress], None] = lambda _p: None
    on_imported: Callable[[ImportOutcome], None] = lambda _r: None
    """after the import, before analysis: the new cases can be shown at once"""
    on_analysis: Callable[[AnalysisProgress], None] = lambda _p: None
    on_file_done: Callable[[FileAnalysis], None] = lambda _f: None
    cancelled: Callable[[], bool] = lambda: False
    focus: Callable[[], int | None] = lambda: None
    """the case id the expert has open now, asked before each file"""


@dataclass
class WorkflowReport:
    imported: ImportOutcome | None = None
    analysed: list[FileAnalysis] = field(default_factory=list)


def pending(cases: Iterable[CaseFile], states: dict[str, tuple[str, str]], want: str) -> list[CaseFile]:
    """The cases whose file's stored analysis is short of ``want`` (duplicates share one analysis)."""
    out: list[CaseFile] = []
    for case in cases:
        version, status = states.get(case.sha256, ("", ""))
        if version != ANALYZER_VERSION or (status != FULL and status != want):
            out.append(case)
    return out


def unanalysed_cases(store: Store, want: str = FULL) -> list[CaseFile]:
    """The case files whose analysis is not yet at ``want`` (the desk starts a job when there are any)."""
    return pending(CaseRepository(store.db).list(), analysis_states(store.db), want)


def next_case(queue: list[CaseFile], focus: int | None) -> CaseFile:
    """The case in front of the expert when it is waiting, else the first in line."""
    return next((c for c in queue if c.id == focus), queue[0])


def analyse_once(
    analyzer: Analyzer,
    cases: list[CaseFile],
    *,
    titles_only: bool,
    force: bool = False,
    events: WorkflowEvents | None = None,
) -> list[FileAnalysis]:
    """One pass over ``cases``, each file once (a duplicate shares the analysis), the open case first."""
    events = events or WorkflowEvents()
    results: list[FileAnalysis] = []
    queue = list(cases)
    while queue and not events.cancelled():
        case = next_case(queue, events.focus())
        queue = [c for c in queue if c.sha256 != case.sha256]
        result = analyzer.analyze_file(case.sha256, case.source_path, force, titles_only)
        results.append(result)
        events.on_file_done(result)
    return results


def analyse_cases(
    analyzer: Analyzer,
    cases: list[CaseFile],
    *,
    full_text: bool = True,
    force: bool = False,
    events: WorkflowEvents | None = None,
) -> list[FileAnalysis]:
    """Analyse ``cases`` once per file: the documents and transcripts of all, then (``full_text``) the rest of the text.

    Before each file the expert's open case is asked for and goes first if it is still waiting.
    """
    results: list[FileAnalysis] = []
    for titles_only in [True, False] if full_text else [True]:
        results += analyse_once(analyzer, cases, titles_only=titles_only, force=force, events=events)
        force = False  # the forced first pass already forgot the old analysis
    return results


def analyse_listed(
    analyzer: Analyzer, case_ids: list[int] | None, force: bool = False, titles_only: bool = False
) -> AnalysisReport:
    """``reviewdesk analyze``: the listed cases (None: every one) in case order, each file once, one pass."""
    cases = CaseRepository(analyzer.db).list()
    if case_ids is not None:
        wanted = set(case_ids)
        cases = [c for c in cases if c.id in wanted]
    return AnalysisReport(analyse_once(analyzer, cases, titles_only=titles_only, force=force))


def import_and_analyse(
    store: Store,
    user: str,
    sources: list[Path],
    *,
    full_text: bool = True,
    analyse: Callable[[CaseFile], bool] = lambda _case: True,
    events: WorkflowEvents | None = None,
) -> WorkflowReport:
    """Import ``sources`` (none: only analyse), then analyse whatever is not yet analysed."""
    events = events or WorkflowEvents()
    report = WorkflowReport()
    if sources:
        report.imported = Importer(store, user, progress=events.on_import, cancelled=events.cancelled).run(
            sources
        )
        events.on_imported(report.imported)
    analyzer = Analyzer(store, progress=events.on_analysis, cancelled=events.cancelled)
    waiting = [c for c in unanalysed_cases(store, FULL if full_text else DOCUMENTS) if analyse(c)]
    try:
        report.analysed = analyse_cases(analyzer, waiting, full_text=full_text, events=events)
    finally:
        analyzer.close()
    return report


def analyse_born_digital(case: CaseFile) -> bool:
    """Files with a text layer: analysed in milliseconds, worth doing before a window opens."""
    return bool(case.has_text)
