"""Scanned pages read several at a time, each worker thread with an OCR engine of its own.

How the cores are used depends on the runtime (ocr.runtime), measured on the same recognition
calls on two idle cores:
- onnxruntime releases the GIL while a model runs: two worker threads with a one-threaded engine each
  did twice the work of one in the same time (3.8 s alone, 3.9 s for both); its own threads do
  worse (two threads on one call burnt 10.6 CPU-s for 8.7 CPU-s of work).
- OpenVINO keeps the GIL during inference, so two worker threads take turns (2.6 s alone, 4.9 s for
  both); its own threads scale almost perfectly (twice the work in 2.7 s with two). So it gets one
  worker, with an engine using every core.
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

from app.analysis.ocr import OcrEngine, runtime

T = TypeVar("T")

MAX_WORKERS = 2
"""each worker's engine holds ~450 MB (models, the runtime's buffers): two keep an analysis near
1.2 GB on any machine; ``REVIEWDESK_OCR_THREADS`` allows up to MOST_WORKERS where memory is plenty"""
MOST_WORKERS = 8
READ_AHEAD = 2
"""pages queued per worker beyond the ones being read: enough to keep each busy, little to drop on a cancel"""


def default_workers() -> int:
    """OpenVINO: one (its engine uses every core). onnxruntime: one per core, at most MAX_WORKERS.

    ``REVIEWDESK_OCR_THREADS`` overrides.
    """
    wanted = os.environ.get("REVIEWDESK_OCR_THREADS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), MOST_WORKERS)
    if runtime() == "openvino":
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


class OcrWorkers:
    """A small pool of OCR threads; ``engine()`` is the calling thread's own engine."""

    def __init__(
        self,
        workers: int | None = None,
        inline: OcrEngine | None = None,
        make_engine: Callable[[], OcrEngine] = lambda: OcrEngine(threads=1),
    ) -> None:
        self._workers = workers
        self._inline = inline
        self._make_engine = make_engine
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
