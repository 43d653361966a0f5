"""The store's schema as ordered, named migrations (sqlite-utils ``Migrations``).

Each migration runs in one transaction and is recorded in the database; never edit a released
migration, add a new one. ``KNOWN_MIGRATIONS`` lets the store refuse a database from a newer app.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("reviewdesk")


@migrations()
def m001_intake(db: Database) -> None:
    """Sources, files, blobs, case files and their facts, and the user's corrections."""
    db.execute(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """
    )
    # identity: "sha256:<hex>" for an image, zip or single file; "folder:<abs path>|<label>" for a folder.
    db.execute(
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('folder', 'iso', 'zip', 'file')),
            path TEXT NOT NULL,
            label TEXT NOT NULL,
            sha256 TEXT,
            size INTEGER,
            filesystem TEXT,
            encoding TEXT,
            status TEXT NOT NULL CHECK (status IN ('importing', 'complete')),
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            finished_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            stored_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            source_path TEXT NOT NULL,
            sha256 TEXT REFERENCES blobs(sha256),
            size INTEGER,
            kind TEXT NOT NULL,
            class TEXT NOT NULL CHECK (class IN ('case_file', 'supporting', 'other', 'rejected')),
            class_reason TEXT NOT NULL DEFAULT '',
            role TEXT,
            pages INTEGER,
            has_text INTEGER,
            problem_code TEXT,
            problem_zh TEXT,
            problem_en TEXT,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL
        )
        """
    )
    # A NULL sha256 (content never read: zip bomb, unsafe name) is still one row per path.
    db.execute("CREATE UNIQUE INDEX files_identity ON files (source_id, source_path, coalesce(sha256, ''))")
    db.execute("CREATE INDEX files_sha256 ON files (sha256)")
    db.execute(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL UNIQUE REFERENCES files(id)
        )
        """
    )
    # What the intake found, one row per field: the value and how it was found.
    db.execute(
        """
        CREATE TABLE case_facts (
            case_id INTEGER NOT NULL REFERENCES cases(id),
            field TEXT NOT NULL,
            value TEXT,
            found_by TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, field)
        )
        """
    )
    # Keyed by content and path, not by case id, so a correction outlives re-import and re-analysis.
    db.execute(
        """
        CREATE TABLE case_corrections (
            sha256 TEXT NOT NULL,
            source_path TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT,
            corrected_by TEXT NOT NULL,
            corrected_at TEXT NOT NULL,
            PRIMARY KEY (sha256, source_path, field)
        )
        """
    )


def known_migrations() -> frozenset[str]:
    """Names of every migration this version of the app knows."""
    return frozenset(m.name for m in migrations.pending(Database(memory=True)))


@migrations()
def m002_analysis(db: Database) -> None:
    """Page text (text layer or OCR) with a trigram search index, documents, corrections, facts.

    Everything is keyed by the file's SHA-256: analysis is cached by content, so the same PDF
    imported twice is analysed once.
    """
    db.execute(
        """
        CREATE TABLE page_texts (
            sha256 TEXT NOT NULL,
            page INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('text', 'ocr')),
            scope TEXT NOT NULL CHECK (scope IN ('full', 'bands')),
            rotation INTEGER NOT NULL DEFAULT 0,
            confidence REAL NOT NULL,
            text TEXT NOT NULL,
            lines_json TEXT NOT NULL,
            PRIMARY KEY (sha256, page)
        )
        """
    )
    # trigram: the default tokenizer finds nothing in Chinese; queries under 3 characters use LIKE.
    db.execute(
        "CREATE VIRTUAL TABLE page_search USING fts5(text, sha256 UNINDEXED, page UNINDEXED, tokenize='trigram')"
    )
    db.execute(
        """
        CREATE TABLE analyses (
            sha256 TEXT PRIMARY KEY,
            analyzer_version TEXT NOT NULL,
            pages INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('segmented', 'complete')),
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE segments (
            sha256 TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            first_page INTEGER NOT NULL,
            last_page INTEGER NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            found_by TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (sha256, ordinal)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE segment_corrections (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('set', 'delete')),
            kind TEXT,
            first_page INTEGER NOT NULL,
            last_page INTEGER NOT NULL,
            corrected_by TEXT NOT NULL,
            corrected_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE transcript_facts (
            sha256 TEXT NOT NULL,
            first_page INTEGER NOT NULL,
            kind TEXT NOT NULL,
            facts_json TEXT NOT NULL,
            PRIMARY KEY (sha256, first_page)
        )
        """
    )


@migrations()
def m003_scores(db: Database) -> None:
    """An expert's scores per case under a rubric, and every change to them."""
    # inputs_json is exactly the rubric engine's input: scores, not_applicable, missing, deductions,
    # gates, notes, evidence. rubric_hash pins the rubric's content the scores were made under.
    db.execute(
        """
        CREATE TABLE scores (
            case_id INTEGER NOT NULL REFERENCES cases(id),
            rubric_id TEXT NOT NULL,
            rubric_hash TEXT NOT NULL,
            inputs_json TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'complete')),
            total REAL,
            expert TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (case_id, rubric_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE score_history (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL,
            rubric_id TEXT NOT NULL,
            path TEXT NOT NULL,
            old_json TEXT,
            new_json TEXT,
            reason TEXT,
            expert TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX score_history_case ON score_history (case_id, rubric_id, id)")


@migrations()
def m004_packages(db: Database) -> None:
    """Signed score packages: the ones this expert exported, and the ones a station received."""
    # Expert side: every export, so the next one gets a higher sequence number.
    db.execute(
        """
        CREATE TABLE exports (
            package_id TEXT PRIMARY KEY,
            sequence INTEGER NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            path TEXT NOT NULL,
            cases INTEGER NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    # Station side: every package received, verified, with the manifest exactly as signed.
    db.execute(
        """
        CREATE TABLE received_packages (
            id INTEGER PRIMARY KEY,
            package_id TEXT NOT NULL UNIQUE,
            manifest_sha256 TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            expert_name TEXT NOT NULL,
            expert_unit TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            manifest BLOB NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE received_scores (
            package INTEGER NOT NULL REFERENCES received_packages(id),
            case_sha256 TEXT NOT NULL,
            -- the same file can be submitted twice (two categories): the path inside the disc tells them apart
            case_path TEXT NOT NULL,
            rubric_id TEXT NOT NULL,
            rubric_hash TEXT NOT NULL,
            total TEXT NOT NULL,
            PRIMARY KEY (package, case_sha256, case_path, rubric_id)
        )
        """
    )
    # What happened on receipt: imported, replaced an earlier package, ignored as older, conflict.
    db.execute(
        """
        CREATE TABLE package_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            package_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            event TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )


@migrations()
def m005_station(db: Database) -> None:
    """The station's workflow: publication checks, expert assignments, review packets (both sides)."""
    # Whether a case's penalty was published on the portal: set by the station, with the address.
    db.execute(
        """
        CREATE TABLE case_publication (
            sha256 TEXT NOT NULL,
            source_path TEXT NOT NULL,
            published INTEGER NOT NULL,
            portal TEXT NOT NULL DEFAULT '',
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL,
            PRIMARY KEY (sha256, source_path)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            seed INTEGER NOT NULL,
            per_case INTEGER NOT NULL,
            experts_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE assignment_rows (
            assignment INTEGER NOT NULL REFERENCES assignments(id),
            expert_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            source_path TEXT NOT NULL,
            PRIMARY KEY (assignment, expert_id, sha256, source_path)
        )
        """
    )
    # Station side: packets written; expert side: the packet received (its cases are the ones shown).
    db.execute(
        """
        CREATE TABLE packets_sent (
            packet_id TEXT PRIMARY KEY,
            assignment INTEGER NOT NULL REFERENCES assignments(id),
            expert_id TEXT NOT NULL,
            blind INTEGER NOT NULL,
            path TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE packets_received (
            packet_id TEXT PRIMARY KEY,
            station_fingerprint TEXT NOT NULL,
            expert_id TEXT NOT NULL,
            blind INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            received_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m006_raw_file_names(db: Database) -> None:
    """A file name that was not valid UTF-8 on the disc (GBK without iocharset): its bytes, as found."""
    db.execute("ALTER TABLE files ADD COLUMN raw_path BLOB")


@migrations()
def m007_candidate_levels(db: Database) -> None:
    """A candidate's level (市级/县级), set by the station: schemes ask different case files per level."""
    db.execute(
        """
        CREATE TABLE candidate_levels (
            candidate TEXT PRIMARY KEY,
            level TEXT NOT NULL CHECK (level IN ('city', 'county')),
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m008_package_withdrawals(db: Database) -> None:
    """Received score packages the station took out of the count, with who, when and why (never deleted)."""
    db.execute(
        """
        CREATE TABLE withdrawn_packages (
            package_id TEXT PRIMARY KEY REFERENCES received_packages(package_id),
            reason TEXT NOT NULL,
            withdrawn_by TEXT NOT NULL,
            withdrawn_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m009_case_sheets(db: Database) -> None:
    """The sheet an expert chose for a case within a rubric family (e.g. the 2024 细则's six sheets).

    Without a row, a case is scored on the sheet its case type picks; a row is the expert's override.
    """
    db.execute(
        """
        CREATE TABLE case_sheets (
            case_id INTEGER NOT NULL REFERENCES cases(id),
            family TEXT NOT NULL,
            rubric_id TEXT NOT NULL,
            chosen_by TEXT NOT NULL,
            chosen_at TEXT NOT NULL,
            PRIMARY KEY (case_id, family)
        )
        """
    )


SOURCES_M010 = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    label TEXT NOT NULL,
    sha256 TEXT,
    size INTEGER,
    filesystem TEXT,
    encoding TEXT,
    status TEXT NOT NULL CHECK (status IN ('importing', 'complete')),
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    finished_at TEXT
)
"""


@migrations(transactional=False)
def m010_source_kinds_unchecked(db: Database) -> None:
    """``sources.kind`` without its CHECK: the kinds are the intake's reader table's, not the schema's.

    SQLite cannot alter a CHECK, so the table is rebuilt with its rows, the way SQLite's manual
    prescribes: foreign keys off (only possible outside a transaction, hence not transactional),
    new table, copy, drop, rename, ``foreign_key_check``, all in one transaction. Safe to run again
    if the process died before the migration was recorded: a table already rebuilt is left alone.
    """
    current = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sources'").fetchone()
    if current is None or "CHECK (kind IN" not in current[0]:
        return
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            db.execute(SOURCES_M010.replace("CREATE TABLE sources", "CREATE TABLE sources_m010"))
            # Pure UDF images were stored as 'iso' to pass the old CHECK; their filesystem says what they are.
            db.execute(
                """INSERT INTO sources_m010
                   SELECT id, identity,
                          CASE WHEN kind = 'iso' AND filesystem = 'udf' THEN 'udf' ELSE kind END,
                          path, label, sha256, size, filesystem, encoding, status, imported_at,
                          imported_by, finished_at
                   FROM sources"""
            )
            db.execute("DROP TABLE sources")
            db.execute("ALTER TABLE sources_m010 RENAME TO sources")
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"m010 would break foreign keys: {broken[:5]}")
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


@migrations()
def m011_station_indexes(db: Database) -> None:
    """Indexes for the station's lookups, which at 3,000 case files and 50 packages scanned whole tables."""
    # receive: an expert's earlier package with this sequence; the same case scored by the same expert
    db.execute("CREATE INDEX received_packages_sequence ON received_packages (fingerprint, sequence)")
    db.execute("CREATE INDEX received_scores_case ON received_scores (case_sha256, case_path, rubric_id)")
    db.execute("CREATE INDEX packets_sent_assignment ON packets_sent (assignment)")
    # the desk's statuses on a rubric, the sheets chosen in a family, the supporting files of candidates
    db.execute("CREATE INDEX scores_rubric ON scores (rubric_id, case_id)")
    db.execute("CREATE INDEX case_sheets_family ON case_sheets (family)")
    db.execute("CREATE INDEX files_class_role ON files (class, role)")


@migrations()
def m012_adjudications(db: Database) -> None:
    """The panel lead's decisions on flagged cases: append-only, the latest per case counts.

    ``decision`` is ``score`` (the score that stands, in the rubric's points) or ``rereview`` (the
    named experts are asked to review again; the case has no final score until a later decision).
    """
    db.execute(
        """
        CREATE TABLE adjudications (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            source_path TEXT NOT NULL,
            rubric_id TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('score', 'rereview')),
            score TEXT,
            experts_json TEXT NOT NULL DEFAULT '[]',
            reason TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX adjudications_case ON adjudications (sha256, source_path, rubric_id, id)")


@migrations()
def m013_packet_files(db: Database) -> None:
    """Files a review packet carried that differ from the station's (a blind packet's redacted PDFs).

    The expert's scores name the packet's file; the station counts them for its own.
    """
    db.execute(
        """
        CREATE TABLE packet_files (
            packet_id TEXT NOT NULL REFERENCES packets_sent(packet_id),
            sha256 TEXT NOT NULL,
            original_sha256 TEXT NOT NULL,
            source_path TEXT NOT NULL,
            redactions_json TEXT NOT NULL,
            PRIMARY KEY (packet_id, sha256)
        )
        """
    )
    db.execute("CREATE INDEX packet_files_sha256 ON packet_files (sha256)")


@migrations()
def m014_crosscheck_findings(db: Database) -> None:
    """The last cross-case run's findings (copied records, leftover names, impossible schedules).

    Kept so the desk shows a case's cross-case findings beside its own flags without a new run;
    each finding names both records by file content and first page, as analysis keys them.
    """
    db.execute(
        """
        CREATE TABLE crosscheck_findings (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL,
            sha256_a TEXT NOT NULL,
            first_page_a INTEGER NOT NULL,
            sha256_b TEXT,
            first_page_b INTEGER,
            finding_json TEXT NOT NULL,
            found_at TEXT NOT NULL
        )
        """
    )
    # A record's masked units, by content and mask version: adding a disc masks only its records.
    db.execute(
        """
        CREATE TABLE crosscheck_units (
            sha256 TEXT NOT NULL,
            first_page INTEGER NOT NULL,
            mask_version TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            units_json TEXT NOT NULL,
            PRIMARY KEY (sha256, first_page)
        )
        """
    )
    db.execute("CREATE INDEX crosscheck_findings_a ON crosscheck_findings (sha256_a)")
    db.execute("CREATE INDEX crosscheck_findings_b ON crosscheck_findings (sha256_b)")


@migrations()
def m015_search_lines_joined(db: Database) -> None:
    """The search index rebuilt with each page's lines joined (search.search_text).

    A word or number that ran onto the next line was not found; the pages' text itself is unchanged.
    """
    from app.models.search import search_text

    rows = db.execute("SELECT sha256, page, text FROM page_texts").fetchall()
    db.execute("DELETE FROM page_search")
    db.conn.executemany(
        "INSERT INTO page_search (text, sha256, page) VALUES (?, ?, ?)",
        [(search_text(text or ""), sha256, page) for sha256, page, text in rows],
    )
