"""A deterministic generator of a synthetic news corpus at scale, with gold labels (issue #6).

`generate(n, out_dir, seed=...)` writes `n` plain-text articles (first line the title, a blank
line, the body) in shards of 1000 files (`out_dir/000/000123.txt`), a `manifest.csv` (file, url,
outlet, published_date) and a `gold.jsonl` in the DESIGN.md gold format (plus a `kind` field).
The same seed gives the same bytes.

**Every text is invented.** Regions and their Kemendagri codes come from the official list and
the election days of the Pilkada serentak are real; every name of a person, outlet, venue,
kecamatan and unit number is made up from syllables, and so are quotes, figures and events.

The mix (shares configurable with `mix=`): meeting reports (rakor, FGD, coffee morning, vidcon;
in person, virtual or hybrid; convened by a regency/city, a province or a ministry), a share of
them in groups of 2-4 articles reporting the same meeting in other words (different outlets,
titles, date forms, participants, quotes; province and national meetings also seen from an
attending regency); near misses (apel, press statements, campaign news, meetings announced for
the future, Pilkades, inflation or stunting rakor, Pemilu-only rakor, vote counts, launches);
off-topic news. Gold labels follow the DESIGN.md reading rules: a regency meeting's region is
the regency; a province meeting names the province, the capital when the venue is there, and the
attending regency when one reports it; unit names (`Kabinda Jawa Timur`), "Baca Juga" links and
background mentions are not meeting regions; kinds are those of the named participants; topics
are those of the directives and agenda items the article states.

Modules, in the order a corpus is made: `corpus` (plan the mix, write shards, gold, manifest),
`meeting_plan` (meetings and what every report of one shares), `meeting_report` (one report of
a meeting), `near_misses` and `other_news` (articles that are no meeting report), and the
pieces they draw on: `places` (regions from the official list), `officials`, `names`, `wording`
(quotes, agenda, fillers), `article` (joins, padding, Baca Juga, footers), `dates` (date forms,
Pilkada waves, meeting windows) and `draws` (fast random draws). Vocabularies and the calendar
come from their one source, `pilkada.vocabularies`.

Speed: one plain-Python pass, one `open().write()` per file, no per-file heavy work: about
0.3 ms an article with the write (100k articles in ~35 s on a busy 2-core machine).
"""

from benchmarks.synth.corpus import (
    DEFAULT_GROUP_SHARE,
    DEFAULT_MIX,
    DEFAULT_SEED,
    SHARD_SIZE,
    SYNTH_VERSION,
    article_path,
    generate,
)

__all__ = [
    "DEFAULT_GROUP_SHARE",
    "DEFAULT_MIX",
    "DEFAULT_SEED",
    "SHARD_SIZE",
    "SYNTH_VERSION",
    "article_path",
    "generate",
]
