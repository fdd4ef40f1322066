"""Language of an article: py3langid (its model ships inside the wheel) checked against the script.

>>> detect_language("The US has made a series of appeals for North Korea to rejoin the talks.")
'en'
>>> detect_language("미국은 북한에 비핵화 협상 복귀를 거듭 촉구했다.")
'ko'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from communique.extract.lines import dominant_script

__all__ = ["detect_language"]

_SCRIPT_LANG = {"hangul": "ko", "kana": "ja", "thai": "th", "hebrew": "he", "greek": "el"}
#: Below this probability the identifier is guessing (a short headline full of names can come
#: out as Nigerian Pidgin at 0.28), and the language is reported unknown.
_UNSURE = 0.5


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, hint: str | None = None, sample: int = 600) -> str | None:
    """Return the ISO 639-1 code of ``text``, or ``None`` when there is too little to tell
    or the identifier is unsure (an unknown language is coded, not skipped).

    ``hint`` is what the page declares (``<html lang>``); it wins when the text is short or the
    identifier is unsure, and when it agrees with the script.
    """
    text = text[:sample]
    script = dominant_script(text)
    if script in _SCRIPT_LANG:
        return _SCRIPT_LANG[script]
    declared = (hint or "").strip().lower().replace("_", "-").split("-")[0] or None
    if declared is not None and (len(declared) != 2 or not declared.isalpha()):
        declared = None
    if script == "han":
        return declared if declared in {"zh", "ja"} else "zh"
    if len(text.strip()) < 40:
        return declared
    if declared:
        text = text[:300]  # only checking the page's own declaration: a shorter sample will do
    lang, prob = _identifier().classify(text)
    if declared and declared != lang and prob < 0.9:
        return declared
    if prob < _UNSURE:  # a sentence or two of names: no language rather than a wrong one
        return declared
    return str(lang)
