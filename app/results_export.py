"""The station's signed results: what the panel decided, in a zip anyone can check like a score package.

``manifest.json`` holds the panel report as JSON (case scores, every adjudication with its history
and reason, candidates and rankings, agreement) and the SHA-256 of every other member: the station's
public key, the summary PDF and workbook, and each bureau's findings. ``manifest.sig`` is the
station's Ed25519 signature over the manifest's exact bytes, so an adjudicated score cannot be
changed after the lead signed off without the signature failing (openssl checks it as in
``VERIFY.txt`` of a score package).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import __version__
from app.aggregate.findings import case_findings
from app.aggregate.panel import PanelReport
from app.models.store import Store, now_iso
from app.reports.findings_files import safe_name
from app.reports.findings_pdf import write_findings_pdf
from app.reports.findings_xlsx import write_findings_xlsx
from app.reports.panel_pdf import write_panel_pdf
from app.reports.panel_xlsx import write_panel_xlsx
from app.signing import package_format as fmt
from app.signing.atomic_zip import write_zip
from app.signing.bounded_zip import MiB, ZipLimits
from app.signing.identity import ExpertIdentity
from app.signing.verify import SignedZip, read_signed

FORMAT = "reviewdesk-panel-results"
FORMAT_VERSION = 1
STATION_KEY = "station.pub.pem"
LIMITS = ZipLimits(member_bytes=256 * MiB, total_bytes=1024 * MiB, members=500)


def write_results(
    store: Store, panel: PanelReport, station: ExpertIdentity, key: Ed25519PrivateKey, out: Path
) -> dict[str, Any]:
    """Sign and write the results zip atomically; returns its id and member names."""
    members: dict[str, bytes] = {STATION_KEY: station.public_pem()}
    with tempfile.TemporaryDirectory(prefix="reviewdesk-results-") as tmp:
        folder = Path(tmp)
        write_panel_pdf(panel, folder / "panel.pdf")
        write_panel_xlsx(panel, folder / "panel.xlsx")
        members["panel.pdf"] = (folder / "panel.pdf").read_bytes()
        members["panel.xlsx"] = (folder / "panel.xlsx").read_bytes()
        for bureau in case_findings(store, panel):
            name = safe_name(bureau.unit)
            write_findings_pdf(bureau, folder / f"{name}.pdf")
            write_findings_xlsx(bureau, folder / f"{name}.xlsx")
            members[f"findings/{name}.pdf"] = (folder / f"{name}.pdf").read_bytes()
            members[f"findings/{name}.xlsx"] = (folder / f"{name}.xlsx").read_bytes()
    results_id = str(uuid.uuid4())
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "results_id": results_id,
        "created_at": now_iso(),
        "app_version": __version__,
        "station": station.as_json(),
        "panel": panel.as_json(),
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    write_zip(out, {fmt.MANIFEST: manifest_bytes, fmt.SIGNATURE: key.sign(manifest_bytes), **members})
    return {"results_id": results_id, "file": str(out), "members": sorted(members)}


def read_results(path: Path) -> SignedZip:
    """Verify a results zip (signature, every member's hash); raises PackageRejected with the reason."""
    return read_signed(
        path, FORMAT, FORMAT_VERSION, STATION_KEY, (STATION_KEY,), "评审结果", signer_field="station",
        limits=LIMITS, keep=lambda name: False,
    )  # fmt: skip
