"""What a rule needs to normalise a match: the text, the anchor, tense and reference years.

>>> ctx = Context("In 1996 it grew; the following year it fell.", parse_anchor("1998-04-18"), None)
>>> ctx.reference_year(20)
1996
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from communique.time.calendar import Anchor, Tense, parse_anchor
from communique.time.tense import tense_at, tense_from_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Context", "Reading", "TimexType", "parse_anchor"]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

_YEAR_MENTION = re.compile(r"(?<![\d$£€.,/-])(1[5-9]\d\d|20\d\d)(?![\d%/-])")


@dataclass(frozen=True)
class Reading:
    """What a rule made of a match: a TIMEX3 type, value and modifier."""

    type: TimexType
    value: str | None
    mod: str | None = None
    anchored: bool = False
    reason: str | None = None
    #: ``(unit, shift)`` when the value hangs on the discourse's reference time rather
    #: than the publication date ("that year", "a year earlier" after a quarter): the
    #: second pass in :mod:`communique.time.discourse` re-resolves it, keeping ``value``
    #: when the text offers no reference.
    refer: tuple[str, int] | None = None


class Context:
    """The document-level facts rules consult while normalising."""

    def __init__(self, text: str, anchor: Anchor | None, doc: Doc | None) -> None:
        self.text = text
        self.anchor = anchor
        self.doc = doc
        #: Whether ``doc`` parses exactly ``text``: checked once, when a rule first asks for
        #: tense (``Doc.text`` rebuilds the string).
        self._parsed: bool | None = None
        self._years: list[tuple[int, int]] | None = None

    @property
    def day(self) -> dt.date | None:
        """The anchor's date, or ``None`` when the article has no usable date."""
        return self.anchor.date if self.anchor else None

    def tense(self, start: int, end: int) -> Tense | None:
        """Tense of the clause around ``text[start:end]``.

        The word rules of :func:`tense_at` decide first (measured on TempEval-3 they beat the
        small parser's tags); the parse, when there is one, decides only where no tensed word
        is near.
        """
        tense = tense_at(self.text, start, end)
        if tense is not None or self.doc is None:
            return tense
        if self._parsed is None:
            self._parsed = self.doc.text == self.text
        return tense_from_doc(self.doc, start, end) if self._parsed else None

    def sentence_has(self, start: int, pattern: re.Pattern[str]) -> bool:
        """Whether the sentence around ``start`` matches ``pattern``."""
        left = max(self.text.rfind(". ", 0, start), self.text.rfind("\n", 0, start)) + 1
        right_dot = self.text.find(". ", start)
        right_nl = self.text.find("\n", start)
        ends = [e for e in (right_dot, right_nl) if e >= 0]
        right = min(ends) if ends else len(self.text)
        return pattern.search(self.text, left, right) is not None

    def reference_year(self, position: int) -> int | None:
        """The last explicit year written before ``position`` (the narrative's "now")."""
        if self._years is None:
            self._years = [(m.start(), int(m.group(1))) for m in _YEAR_MENTION.finditer(self.text)]
        found: int | None = None
        for start, year in self._years:
            if start >= position:
                break
            found = year
        return found

    def unanchored(self, phrase: str) -> Reading:
        """The honest answer for a relative expression in an undated article."""
        return Reading("DATE", None, reason=f"no publication date to anchor '{phrase}'")
