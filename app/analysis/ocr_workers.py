"""Scanned pages read several at a time, each worker thread with an OCR engine of its own.

Both runtimes release the GIL while a model runs, so worker threads read pages side by side:
measured on two idle cores, two workers with a one-threaded engine each did twice the work of one
in the same time (onnxruntime 3.8 s alone, 3.9 s both; OpenVINO 2.1 s alone, 2.2 s both, once its
threads were no longer pinned to one core, see ocr._bounded_openvino). Two workers also beat one
engine that uses both cores (0.27 against 0.33 s a clean page): one page's Python work (rendering,
cutting lines out, decoding) runs while the other page's models do, and a model's own threads
scale less than perfectly. Each worker's engine costs ~250 MB once it has read a page.
Threads rather than processes: the desk's analysis already runs in a daemonic child process (which
may not start processes of its own), and the models stay loaded from one file to the next.

With one worker nothing runs in the background: pages are read in the calling thread, by the
engine given (or one using every core), as before.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from app.analysis.ocr import OcrEngine

T = TypeVar("T")

MAX_WORKERS = 2
"""each worker's engine holds ~250 MB once it has read a page (models, the runtime's buffers): two
keep an analysis near 1.2 GB on any machine (one: 0.75 GB); ``REVIEWDESK_OCR_THREADS`` allows from
1 up to MOST_WORKERS"""
MOST_WORKERS = 8
READ_AHEAD = 2
"""pages queued per worker beyond the ones being read: enough to keep each busy, little to drop on a cancel"""


def default_workers() -> int:
    """One per core, at most MAX_WORKERS; ``REVIEWDESK_OCR_THREADS`` overrides."""
    wanted = os.environ.get("REVIEWDESK_OCR_THREADS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), MOST_WORKERS)
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def engine_threads(workers: int) -> int:
    """Threads for each worker's engine: the cores shared out, at least one."""
    return max(1, (os.cpu_count() or 1) // workers)


class OcrWorkers:
    """A small pool of OCR threads; ``engine()`` is the calling thread's own engine."""

    def __init__(
        self,
        workers: int | None = None,
        inline: OcrEngine | None = None,
        make_engine: Callable[[], OcrEngine] | None = None,
    ) -> None:
        self._workers = workers
        self._inline = inline
        self._make_engine = make_engine or (lambda: OcrEngine(threads=engine_threads(self.workers)))
        self._local = threading.local()
        self._pool: ThreadPoolExecutor | None = None

    @property
    def workers(self) -> int:
        """Decided on first use: choosing a runtime loads it, which a file with a text layer never needs."""
        if self._workers is None:
            self._workers = default_workers()
        return self._workers

    def engine(self) -> OcrEngine:
        """A worker thread's own engine; in any other thread the inline one."""
        engine = getattr(self._local, "engine", None)
        if engine is not None:
            return engine
        if threading.current_thread().name.startswith(self._prefix):
            engine = self._local.engine = self._make_engine()
            return engine
        if self._inline is None:
            self._inline = OcrEngine()
        return self._inline

    @property
    def _prefix(self) -> str:
        return f"ocr-{id(self)}"

    def ordered(self, work: Callable[[int], T], items: Iterable[int]) -> Generator[T, None, None]:
        """``work(item)`` for each item, run by the workers, yielded in the items' order.

        Closing the iterator early (a cancel, an error) drops the queued items; the pages being
        read finish in the background and are thrown away.
        """
        pending = list(items)
        if self.workers == 1 or len(pending) <= 1:
            yield from (work(item) for item in pending)
            return
        pool = self._executor()
        queued: deque[Future[T]] = deque()
        upcoming = iter(pending)
        try:
            for item in upcoming:
                queued.append(pool.submit(work, item))
                if len(queued) >= self.workers * READ_AHEAD:
                    break
            while queued:
                result = queued.popleft().result()
                following = next(upcoming, None)
                if following is not None:
                    queued.append(pool.submit(work, following))
                yield result
        finally:
            for future in queued:
                future.cancel()

    def warm(self) -> None:
        """Load every worker's models now (benchmarks keep loading out of their timings)."""
        if self.workers == 1:
            self.engine().warm()
            return
        barrier = threading.Barrier(self.workers)

        def load(_: int) -> None:
            self.engine().warm()
            barrier.wait(timeout=60)  # each worker takes one, so that every thread loads its own

        list(self._executor().map(load, range(self.workers)))

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix=self._prefix)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
