"""Indonesian Pilkada meeting-report extraction: `Extractor.from_regions(df).extract(text)`."""

from pilkada.extract.compiled import use_source_if_stale

BUILD = use_source_if_stale()  # "compiled", or why the plain-Python modules run instead

from pilkada.extract.extractor import Extractor  # noqa: E402
from pilkada.extract.model import (  # noqa: E402
    ArticleExtraction,
    Directive,
    MeetingReport,
    Participant,
    RegionMention,
)

EXTRACTOR_VERSION = "0.4.1"

__all__ = [
    "BUILD",
    "EXTRACTOR_VERSION",
    "ArticleExtraction",
    "Directive",
    "Extractor",
    "MeetingReport",
    "Participant",
    "RegionMention",
]
