"""What a finished build run's summary means as an exit code, and where to look."""

from __future__ import annotations

from pilkada.errors import ExitCode


def run_outcome(summary: dict) -> tuple[ExitCode, str]:
    """OK; SET_ASIDE when inputs were rejected or articles quarantined (and something loaded or
    was already there); NOTHING_LOADED when every input was rejected."""
    batches = summary.get("batches", [])
    loaded = sum(b["n_articles"] for b in batches if b["status"] == "loaded")
    duplicates = sum(b.get("n_duplicates", 0) for b in batches)
    rejected = sum(b.get("n_rejected", 0) for b in batches) + summary.get(
        "rejected_before_reading", 0
    )
    quarantined = summary.get("quarantined_articles", 0) + sum(
        b.get("n_quarantined", 0) for b in batches
    )
    run = summary.get("run_id", "")
    if rejected and not (loaded or duplicates or summary.get("unchanged", 0)):
        return ExitCode.NOTHING_LOADED, (
            f"nothing loaded: all {rejected} inputs were rejected;"
            f" see why with `pilkada rejected --run {run}`"
        )
    notes = []
    if rejected:
        notes.append(f"{rejected} inputs rejected (`pilkada rejected --run {run}`)")
    if quarantined:
        notes.append(f"{quarantined} articles quarantined (`pilkada quarantine`)")
    if notes:
        return ExitCode.SET_ASIDE, "loaded, with items set aside: " + "; ".join(notes)
    return ExitCode.OK, ""
