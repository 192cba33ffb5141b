"""Indonesian Pilkada meeting-report extraction: `Extractor.from_regions(df).extract(text)`."""

from pilkada.extract.extractor import Extractor
from pilkada.extract.model import (
    ArticleExtraction,
    Directive,
    MeetingReport,
    Participant,
    RegionMention,
)

EXTRACTOR_VERSION = "0.4.1"

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleExtraction",
    "Directive",
    "Extractor",
    "MeetingReport",
    "Participant",
    "RegionMention",
]
