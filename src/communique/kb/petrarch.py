"""Readers for PETRARCH/TABARI dictionaries: actors, agents and discards.

Actor files hold blocks::

    GOLLUM  # a comment
    +SMEAGOL
        [HOB < 950601]
        [HOBGOV 19950601 - 19990815]
        [HOBREB > 990816]

A phrase ending in ``_`` matches whole words only; without it the last word is a stem
(``ARGENTIN`` matches "Argentina" and "Argentine"). Dates are ``YYMMDD`` or
``YYYYMMDD``; ``<d`` means before, ``>d`` after, ``d1-d2`` between (inclusive).
Agent files hold ``PHRASE {PLURAL} [~SECTOR]`` lines and ``!SET! = A, B`` substitutions.
Braces after an agent phrase replace its regular plural: ``GOLDEN_GOOSE {GOLDEN_GEESE}``
gives the irregular plural, and empty braces (``POLICE {}``) say the phrase has none, so
"polices" is not read as "police".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from communique.errors import DictionaryError
from communique.kb.base import GROUP_NOUNS
from communique.kb.core import Agent, Entry, EntryKind, Role, norm_phrase, primary_sector, split_code

__all__ = ["parse_code", "parse_date", "read_actors", "read_agent_phrases", "read_agents", "read_discards"]

_XML_COMMENT = re.compile(r"<!.*?>", re.DOTALL)
_CODE = re.compile(r"\[([^\]]*)\]")
_BRACES = re.compile(r"\{[^}]*\}")
_NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC"})
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_BRACKETED = re.compile(r"^(.*?)[_\s]*\(([^()]*)\)[_\s]*$")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "de", "la", "del"})


def _read(path: str | Path) -> str:
    p = Path(path)
    if not p.is_file():
        raise DictionaryError(f"dictionary file {str(p)!r} does not exist", source=str(p))
    try:
        return p.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"cannot read dictionary: {exc}", source=str(p)) from exc


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse_date(text: str, *, pivot: int = 30) -> date | None:
    """Parse a PETRARCH date: ``YYYYMMDD`` or ``YYMMDD`` (two-digit years below ``pivot`` are 20xx).

    >>> parse_date("20090120"), parse_date("950601"), parse_date("090120")
    (datetime.date(2009, 1, 20), datetime.date(1995, 6, 1), datetime.date(2009, 1, 20))
    >>> parse_date("2004017") is None
    True
    """
    digits = text.strip()
    try:
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            yy = int(digits[:2])
            year = 2000 + yy if yy < pivot else 1900 + yy
            return date(year, int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return None


def parse_code(text: str, *, pivot: int = 30, full_codes: bool = True) -> Role | None:
    """Parse the inside of one ``[...]`` code block into a :class:`Role`.

    >>> parse_code("USAGOV >090120")
    Role(country='USA', sector='GOV', start=datetime.date(2009, 1, 21), end=None, title=None)
    >>> parse_code("HOBGOV 19950601 - 19990815").end
    datetime.date(1999, 8, 15)
    >>> parse_code("USAGOVLEG", full_codes=False).sector
    'LEG'
    >>> parse_code("IGOUNOIAE", full_codes=False)
    Role(country='IGO', sector=None, start=None, end=None, title=None)
    >>> parse_code("ELR/GAL").country, parse_code("ELR/GAL", full_codes=False).country
    ('ELR/GAL', 'ELR')
    """
    body = text.strip()
    if not body:
        return None
    parts = body.split(None, 1)
    code = parts[0]
    when = parts[1] if len(parts) > 1 else ""
    if code[0] in "<>" or code[0].isdigit():
        code, when = "", body
    code = code.strip().upper()
    if "/" in code and not full_codes:
        code = code.split("/")[0]  # several codes ("FRO/BIL/SAM"): PLOVER keeps the first
    if code in ("", "+++", "###"):
        country, rest = None, None
    elif "/" in code:
        country, rest = code, None  # PETRARCH reports the joined codes as one code
    else:
        country, rest = split_code(code)
    if not full_codes and country in _NON_STATE:
        rest = None  # PLOVER codes an IGO as IGO with no sector; the entry id names which one
    sector = rest if full_codes else primary_sector(rest)
    start = end = None
    when = when.replace(" ", "")
    if when.startswith("<"):
        bound = parse_date(when[1:], pivot=pivot)
        end = bound - timedelta(days=1) if bound else None
    elif when.startswith(">"):
        bound = parse_date(when[1:], pivot=pivot)
        start = bound + timedelta(days=1) if bound else None
    elif "-" in when:
        first, _, second = when.partition("-")
        start, end = parse_date(first, pivot=pivot), parse_date(second, pivot=pivot)
    elif when:
        return None  # a malformed window: PETRARCH ignores it too
    if when and start is None and end is None:
        return None
    return Role(country, sector, start, end)


def _name(phrase: str) -> str:
    words = [w for w in re.split(r"[_\s]+", phrase) if w]
    return " ".join(w if any(c.islower() for c in w) else w.capitalize() for w in words)


def _slug(phrase: str) -> str:
    return "-".join(norm_phrase(phrase)).replace("'", "")


def read_actors(
    path: str | Path, *, pivot: int = 30, full_codes: bool = True, id_prefix: str = ""
) -> Iterator[tuple[Entry, list[tuple[tuple[str, ...], bool]]]]:
    """Yield ``(entry, [(phrase words, stem), ...])`` for each block of an actors file.

    Raises:
        DictionaryError: the file does not exist or cannot be read.
    """
    text = _XML_COMMENT.sub("", _read(path))
    source = Path(path).name
    block: list[str] = []
    codes: list[str] = []
    seen: dict[str, int] = {}

    def flush() -> Iterator[tuple[Entry, list[tuple[tuple[str, ...], bool]]]]:
        if not block:
            return
        roles = [r for r in (parse_code(c, pivot=pivot, full_codes=full_codes) for c in codes) if r]
        if not roles:
            return
        phrases: list[tuple[tuple[str, ...], bool]] = []
        for raw in block:
            raw = _BRACES.sub("", raw).strip()
            words = norm_phrase(raw)
            if words:
                phrases.append((words, not raw.endswith("_")))
            phrases.extend((w, False) for w in _bracketed(raw))
        if not phrases:
            return
        slug = _slug(block[0]) or "entry"
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        entry_id = f"{id_prefix}{slug}" + (f"-{n + 1}" if n else "")
        yield Entry(entry_id, _name(block[0]), _kind(roles), tuple(roles), source=source), phrases

    for raw_line in text.splitlines():
        line = _strip_comment(raw_line)
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if block:
                block.append(_CODE.sub("", stripped[1:]))
                codes.extend(_CODE.findall(stripped))
            continue
        if stripped.startswith("["):
            codes.extend(_CODE.findall(stripped))
            continue
        if line[0].isspace() and not block:
            continue
        yield from flush()
        block, codes = [], []
        head = _CODE.split(stripped)[0]
        block.append(head.strip())
        codes.extend(_CODE.findall(stripped))
    yield from flush()


def _bracketed(phrase: str) -> list[tuple[str, ...]]:
    """Aliases inside a phrase with a bracketed part, which text never writes out in full.

    ``LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)`` gives the name and its acronym; a short
    name before a bracketed qualifier (``CONGO_(BRAZZAVILLE)``) gives nothing, as the
    bare name would be ambiguous.

    >>> _bracketed("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)")
    [('liberation', 'tigers', 'of', 'tamil', 'eelam'), ('ltte',)]
    >>> _bracketed("CONGO_(BRAZZAVILLE)"), _bracketed("NATIONAL_UNION_(MOSCOW)")
    ([], [])
    """
    match = _BRACKETED.match(phrase)
    if match is None:
        return []
    head, inner = norm_phrase(match.group(1)), norm_phrase(match.group(2))
    initials = "".join(w[0] for w in head if w not in _SMALL_WORDS)
    if len(inner) == 1 and len(inner[0]) >= 3 and inner[0] in (initials, "".join(w[0] for w in head)):
        return [head, inner]
    return [head] if len(head) >= 3 else []


def _kind(roles: list[Role]) -> EntryKind:
    first = roles[0]
    current = Entry("", "", "other", tuple(roles)).role_at(None)
    if (
        current is not None
        and current.sector is None
        and current.country
        and current.country not in _NON_STATE
    ):
        return "country"  # a place, possibly recoded over time (Ukraine: USRUKR, then UKR)
    if any(r.dated for r in roles):
        return "person"
    if first.country == "IGO":
        return "igo"
    if first.country in _NON_STATE:
        return "organization"
    if first.sector is None and first.country is not None:
        return "country"
    return "organization"


def read_agents(
    path: str | Path, *, full_codes: bool = True
) -> Iterator[tuple[tuple[str, ...], Agent, bool]]:
    """Yield ``(phrase words, agent, stem)`` for each agent line, substitution sets expanded.

    Raises:
        DictionaryError: the file does not exist or cannot be read.
    """
    for words, agent, stem, _plural in read_agent_phrases(path, full_codes=full_codes):
        yield words, agent, stem


def read_agent_phrases(
    path: str | Path, *, full_codes: bool = True
) -> Iterator[tuple[tuple[str, ...], Agent, bool, bool]]:
    """Yield ``(phrase words, agent, stem, plural)`` for each agent phrase, sets expanded.

    ``plural`` is false for a phrase followed by braces (``POLICE {}``, ``GOOSE {GEESE}``)
    and for the plurals listed in them: such phrases take no regular plural.

    Raises:
        DictionaryError: the file does not exist or cannot be read.
    """
    text = _XML_COMMENT.sub("", _read(path))
    sets: dict[str, list[str]] = {}
    for raw_line in text.splitlines():
        line = _strip_comment(raw_line).strip()
        if not line:
            continue
        sub = _SUBST.match(line)
        if sub:
            sets[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        found = _CODE.findall(line)
        if not found:
            continue
        code = found[0].strip().upper()
        head = _CODE.split(line)[0]
        phrase = _BRACES.sub("", head).strip()
        braces = re.findall(r"\{([^}]*)\}", head)
        plurals = [p.strip() for group in braces for p in group.split(",") if p.strip()]
        if not phrase or "~" not in code:
            continue
        # "[NGO~]" goes before the actor's code (NGOARN), "[~GOV]" after it (ARNGOV).
        prefix = code.replace(" ", "").endswith("~") and not code.replace(" ", "").startswith("~")
        rest = code.replace("~", "").strip()
        if not rest:
            continue
        sector = rest if full_codes else primary_sector(rest)
        if sector is None:
            continue
        for variant in [*_expand(phrase, sets), *plurals]:
            words = norm_phrase(variant)
            if not words:
                continue
            group = words[-1] in GROUP_NOUNS or words[-1].endswith(("men", "people"))
            agent = Agent(sector, group=group, prefix=prefix and full_codes)
            yield words, agent, not variant.endswith("_") and full_codes, not braces


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", phrase)
    if not match or match.group(0) not in sets:
        return [phrase]
    out: list[str] = []
    for option in sets[match.group(0)]:
        out.extend(_expand(phrase[: match.start()] + option + phrase[match.end() :], sets))
    return out


def read_discards(path: str | Path) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Yield ``(phrase words, story_level)`` for each discard line.

    Raises:
        DictionaryError: the file does not exist or cannot be read.
    """
    for raw_line in _XML_COMMENT.sub("", _read(path)).splitlines():
        line = _strip_comment(raw_line).strip()
        if not line:
            continue
        story = line.startswith("+")
        words = norm_phrase(line.lstrip("+"))
        if words:
            yield words, story
