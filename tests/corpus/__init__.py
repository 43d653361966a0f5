"""An independent generator of bureau discs with their truth (see TRUTH.md), for held-out measurement.

It shares no code or layout with ``app/demo``: its papers are drawn from the 2024 Hunan templates,
the Tianjin legacy template, the 2024 review rules and the campaign notices.
"""

from tests.corpus.disc import HELDOUT_SEEDS, TUNING_SEEDS, Disc, generate, split_of

__all__ = ["HELDOUT_SEEDS", "TUNING_SEEDS", "Disc", "generate", "split_of"]
