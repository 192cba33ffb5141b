"""Quality gate: Great Expectations suites, checkpoints, quarantine and Data Docs.

    from pilkada.quality import gate, quarantine, build_data_docs
    result = gate(frames, batch_id=batch_id, params={"region_codes": codes}, gx_root=gx_root)
    if not result.success:  # a fail_batch expectation failed: the whole batch is kept out
        folder = quarantine(frames, result, root=quarantine_root)
    else:  # load result.frames: result.set_aside articles removed, set_null values NULLed
        quarantine_articles(frames, result, root=quarantine_root)

Great Expectations itself is imported on first use (it takes seconds), not with this package.
"""

from pilkada.quality.datadocs import build_data_docs
from pilkada.quality.gate import batch_summary, gate
from pilkada.quality.gate_result import Evaluation, Failure, GateResult
from pilkada.quality.quarantine import quarantine, quarantine_articles
from pilkada.quality.suites import FRAME_SUITES, load_suite, read_suite, suites_version

__all__ = [
    "FRAME_SUITES",
    "Evaluation",
    "Failure",
    "GateResult",
    "batch_summary",
    "build_data_docs",
    "gate",
    "load_suite",
    "quarantine",
    "quarantine_articles",
    "read_suite",
    "suites_version",
]
