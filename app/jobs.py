"""Long work for the desk, run in a separate process: import, then analysis (``app.workflow``).

PyMuPDF is not thread-safe and the desk renders pages with it on the GUI thread, so intake and
analysis run in a child process with their own store connection. Progress and results come back
as plain tuples through a multiprocessing queue (the same Progress callbacks the command line
uses, never parsed output); a multiprocessing event asks the job to stop between pages, and a shared
integer says which case the expert has open, so that case is analysed next.

Messages: ("progress", text, done, total), ("files_changed",), ("analysing", sha256 or ""),
("done", summary), ("error", zh, en).
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from app.errors import KnownError

DEMO_SOURCE = "<demo disc>"
"""a source that means: generate the built-in demo disc in the data directory, then import it"""

PHASES = {
    "pages": ("识别页面", "Reading pages"),
    "transcripts": ("笔录全文", "Transcripts"),
    "full_text": ("其余全文", "Full text"),
}


def import_and_analyze(
    data_dir: str, sources: list[str], user: str, queue: Any, cancel: Any, focus: Any = None
) -> None:
    """Import ``sources``, then analyse every case not yet analysed, the expert's open case first."""
    from app.analysis.analyzer import AnalysisCancelled, AnalysisProgress, FileAnalysis
    from app.intake.importer import ImportCancelled
    from app.intake.outcome import Progress
    from app.models.store import Store
    from app.workflow import WorkflowEvents
    from app.workflow import import_and_analyse as run_workflow

    current = {"sha256": ""}

    def on_import(progress: Progress) -> None:
        queue.put(("progress", f"导入 {progress.current}", progress.bytes_done, max(progress.bytes_total, 1)))

    def on_analysis(progress: AnalysisProgress) -> None:
        if progress.sha256 != current["sha256"]:
            current["sha256"] = progress.sha256
            queue.put(("analysing", progress.sha256))
        phase = PHASES[progress.phase][0]
        queue.put(("progress", f"{phase} {Path(progress.label).name}", progress.done, max(progress.total, 1)))

    def on_file_done(result: FileAnalysis) -> None:
        if result.status == "analysed":
            queue.put(("files_changed",))

    def focused() -> int | None:
        return (focus.value or None) if focus is not None else None

    try:
        store = Store.open(Path(data_dir))
        try:
            if DEMO_SOURCE in sources:
                from app import paths
                from app.demo.disc import ensure_demo_disc

                queue.put(("progress", "正在生成演示光盘…", 0, 1))
                disc = paths.demo_disc_dir(Path(data_dir))
                ensure_demo_disc(disc)
                sources = [str(disc) if s == DEMO_SOURCE else s for s in sources]
            events = WorkflowEvents(
                on_import=on_import,
                on_analysis=on_analysis,
                on_imported=lambda _report: queue.put(("files_changed",)),
                on_file_done=on_file_done,
                cancelled=cancel.is_set,
                focus=focused,
            )
            report = run_workflow(store, user, [Path(s) for s in sources], events=events)
            summary: dict[str, Any] = {}
            if report.imported is not None:
                errors = [s.error.zh for s in report.imported.sources if s.error is not None]
                warnings = [s.warning.zh for s in report.imported.sources if s.warning is not None]
                summary = {
                    **report.imported.summary(),
                    "exit_code": report.imported.exit_code,
                    "errors": errors,
                    "warnings": warnings,
                }
            if cancel.is_set():
                summary["cancelled"] = True
            queue.put(("analysing", ""))
            queue.put(("done", summary))
        finally:
            store.close()
    except (ImportCancelled, AnalysisCancelled):
        queue.put(("done", {"cancelled": True}))
    except KnownError as error:
        queue.put(("error", error.zh, error.en))
    except Exception:  # a bug: report it, the store is consistent (one transaction per file)
        queue.put(("error", "后台任务出错，已完成的部分已保存。", traceback.format_exc()))
