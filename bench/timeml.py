"""Reading TimeML (``.tml``) files for the benchmarks: the text, its TIMEX3s and EVENTs, the DCT, TLINKs.

Used by ``bench/time.py`` (timex values) and ``bench/event_dates.py`` (event-timex links);
TempEval-3's TBAQ-cleaned files are read in place from ../shared.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Element:
    """A TIMEX3 or EVENT of the text: its character span in the plain text and its attributes."""

    start: int
    end: int
    attrs: dict[str, str]


@dataclass(frozen=True)
class TimeML:
    """One TimeML file.

    Attributes:
        name: The file name; ``part``: its folder (TimeBank or AQUAINT).
        text: The plain text of ``<TEXT>`` (tags out, entities decoded).
        dct: The value of the creation-time TIMEX3, or None.
        timexes, events: The TIMEX3s and EVENTs of the text, in text order.
        links: Event-timex TLINKs as ``(event id or None, timex id, relType)``.
    """

    name: str
    part: str
    text: str
    dct: str | None
    timexes: tuple[Element, ...]
    events: tuple[Element, ...]
    links: tuple[tuple[str | None, str, str], ...]


def read(path: Path) -> TimeML:
    """Read one ``.tml`` file."""
    raw = path.read_text(encoding="utf-8")
    created = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    dct = dict(_ATTR.findall(created.group())).get("value") if created else None
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    position = 0
    opened: list[tuple[str, int, dict[str, str]]] = []  # TIMEX3 and EVENT do not nest in TimeML
    found: dict[str, list[Element]] = {"TIMEX3": [], "EVENT": []}
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attrs, empty = tag.group(1) == "/", tag.group(2), tag.group(3), tag.group(4) == "/"
        if name not in found:
            continue
        if empty:
            found[name].append(Element(length, length, dict(_ATTR.findall(attrs))))
        elif not closing:
            opened.append((name, length, dict(_ATTR.findall(attrs))))
        elif opened and opened[-1][0] == name:
            _, start, attributes = opened.pop()
            found[name].append(Element(start, length, attributes))
    pieces.append(html.unescape(body[position:]))
    instances = {
        a["eiid"]: a["eventID"]
        for a in (dict(_ATTR.findall(t)) for t in re.findall(r"<MAKEINSTANCE[^>]*>", raw))
    }
    links: list[tuple[str | None, str, str]] = []
    for tag in re.findall(r"<TLINK[^>]*>", raw):
        a = dict(_ATTR.findall(tag))
        if "eventInstanceID" in a and "relatedToTime" in a:
            links.append((instances.get(a["eventInstanceID"]), a["relatedToTime"], a["relType"]))
        elif "timeID" in a and "relatedToEventInstance" in a:
            links.append((instances.get(a["relatedToEventInstance"]), a["timeID"], a["relType"]))
    return TimeML(
        path.name,
        path.parent.name,
        "".join(pieces),
        dct,
        tuple(found["TIMEX3"]),
        tuple(found["EVENT"]),
        tuple(links),
    )
