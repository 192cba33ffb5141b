"""Mask boilerplate lines (related links, share bars, footers) without shifting offsets."""

from __future__ import annotations

import re

from pilkada.extract.lexicons import load_lexicons

_BULLET = r"^[\s•·\-–—*#>|]*"


class BoilerplateMasker:
    """Replaces boilerplate lines by spaces of the same length."""

    def __init__(self) -> None:
        lex = load_lexicons().boilerplate
        self.line_re = re.compile(
            _BULLET + "(?:" + "|".join(lex["line_starts"]) + ")", re.IGNORECASE
        )
        self.list_re = re.compile(
            _BULLET + "(?:" + "|".join(lex["link_list_starts"]) + ")", re.IGNORECASE
        )

    @staticmethod
    def _looks_like_link(line: str) -> bool:
        """A linked headline: short, no closing sentence punctuation."""
        s = line.strip()
        return 0 < len(s) <= 120 and s[-1] not in '.!?"”:'

    def mask(self, text: str) -> str:
        """The text with boilerplate lines blanked (same length, same newlines)."""
        out: list[str] = []
        in_list = False
        for line in text.split("\n"):
            if not line:  # a blank line: no pattern matches it, and it ends a link list
                in_list = False
                out.append(line)
            elif self.line_re.match(line):
                out.append(" " * len(line))
                in_list = bool(self.list_re.match(line)) or in_list
            elif in_list and self._looks_like_link(line):
                out.append(" " * len(line))
            else:
                in_list = False
                out.append(line)
        return "\n".join(out)
