"""A candidate's level (市级 city / 县级 county), set by the station and kept in the store.

Intake cannot tell it reliably from folder names, and it decides which case files a scheme asks for
(002 Wuwei: "（1）市级候选集体 … （2）县级候选集体"; 004 Xinjiang) and, where a notice ranks per level,
which list a candidate is ranked in. Keyed by the candidate id ``check`` shows (the unit for a
collective, unit/name for an individual).
"""

from __future__ import annotations

from sqlite_utils import Database

from app.errors import UsageError
from app.models.station_facts import StationFactsRepository
from app.models.store import Store
from app.station.candidates import candidates

LEVELS = {"city": "市级", "county": "县级"}
ALIASES = {"city": "city", "county": "county", "市级": "city", "县级": "county", "市": "city", "县": "county"}


def parse_level(text: str) -> str:
    level = ALIASES.get(text.strip())
    if level is None:
        raise UsageError(
            "bad_level",
            f"级别应为 city（市级）或 county（县级），不是“{text}”。",
            f"the level must be city or county, not '{text}'",
        )
    return level


def set_level(store: Store, candidate: str, level: str, user: str) -> str:
    """Record the level of a known candidate; returns the candidate's display name."""
    found, _orphans = candidates(store.db)
    match = next((c for c in found if c.id == candidate), None)
    if match is None:
        known = "、".join(c.id for c in found) or "（无）"
        raise UsageError(
            "unknown_candidate",
            f"没有这个候选：“{candidate}”。已有候选：{known}",
            f"no candidate '{candidate}'; known: {', '.join(c.id for c in found) or '(none)'}",
        )
    with store.db.atomic():
        StationFactsRepository(store.db).set_level(candidate, level, user)
    return match.name


def stored_levels(db: Database) -> dict[str, str]:
    """Candidate id → 'city' | 'county', for the candidates the station has set."""
    return StationFactsRepository(db).levels()
