"""Long work for the desk, run in a separate process: import, then analysis.

PyMuPDF is not thread-safe and the desk renders pages with it on the GUI thread, so intake and
analysis run in a child process with their own store connection. Progress and results come back
as plain tuples through a multiprocessing queue (the same Progress callbacks the command line
uses, never parsed output); a multiprocessing event asks the job to stop between files.

Messages: ("progress", text, done, total), ("files_changed",), ("done", summary), ("error", zh, en).
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from app.errors import KnownError

DEMO_SOURCE = "<demo disc>"
"""a source that means: generate the built-in demo disc in the data directory, then import it"""


def import_and_analyze(data_dir: str, sources: list[str], user: str, queue: Any, cancel: Any) -> None:
    """Import ``sources``, then find the documents of every case not yet analysed."""
    from app.analysis.analyzer import AnalysisCancelled, AnalysisProgress, Analyzer
    from app.intake.importer import ImportCancelled, Importer
    from app.intake.outcome import Progress
    from app.models.cases import CaseRepository
    from app.models.store import Store

    def on_import(progress: Progress) -> None:
        queue.put(("progress", f"导入 {progress.current}", progress.bytes_done, max(progress.bytes_total, 1)))

    def on_analysis(progress: AnalysisProgress) -> None:
        phase = {"pages": "识别页面", "transcripts": "笔录全文", "full_text": "其余全文"}[progress.phase]
        queue.put(("progress", f"{phase} {Path(progress.label).name}", progress.done, max(progress.total, 1)))

    try:
        store = Store.open(Path(data_dir))
        try:
            summary: dict[str, Any] = {}
            if DEMO_SOURCE in sources:
                from app import paths
                from app.demo.disc import ensure_demo_disc

                queue.put(("progress", "正在生成演示光盘…", 0, 1))
                disc = paths.demo_disc_dir(Path(data_dir))
                ensure_demo_disc(disc)
                sources = [str(disc) if s == DEMO_SOURCE else s for s in sources]
            if sources:
                report = Importer(store, user, progress=on_import, cancelled=cancel.is_set).run(
                    [Path(s) for s in sources]
                )
                summary = {
                    **report.summary(),
                    "exit_code": report.exit_code,
                    "errors": [s.error.zh for s in report.sources if s.error is not None],
                }
                queue.put(("files_changed",))
            analyzer = Analyzer(store, progress=on_analysis, cancelled=cancel.is_set)
            seen = set()
            for case in CaseRepository(store.db).list():
                if case.sha256 in seen or cancel.is_set():
                    continue
                seen.add(case.sha256)
                result = analyzer.analyze_file(case.sha256, case.source_path, titles_only=True)
                if result.status == "analysed":
                    queue.put(("files_changed",))
            queue.put(("done", summary))
        finally:
            store.close()
    except (ImportCancelled, AnalysisCancelled):
        queue.put(("done", {"cancelled": True}))
    except KnownError as error:
        queue.put(("error", error.zh, error.en))
    except Exception:  # a bug: report it, the store is consistent (one transaction per file)
        queue.put(("error", "后台任务出错，已完成的部分已保存。", traceback.format_exc()))
