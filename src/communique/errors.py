"""communique's exceptions. Everything a user can hit roots at :class:`CommuniqueError`.

::

    CommuniqueError                  every error has a stable code (E0xx) and names its input
    ├── InputError                   the input cannot be read or is not a news page
    │   ├── SourceNotFound           a path, glob or URL that does not exist
    │   ├── FetchError               a URL that could not be fetched
    │   ├── InputTooLarge            over the ``max_bytes`` setting
    │   ├── NotText                  binary data, or text in an undetectable encoding
    │   └── EmptyInput               nothing to extract
    ├── ExtractionError              a page with no article body
    ├── ModelError                   the spaCy model is missing or broken
    ├── DictionaryError              a knowledge-base or lexicon file is malformed
    ├── StoreError                   the database cannot be opened or is not ours
    │   └── NotFound                 no such article / event
    ├── SettingsError                an unknown or malformed setting
    └── EngineError                  Spark cannot start, or cannot write where it was told

A stage raises these; the runner records them as rejects in batch mode, and the CLI
and HTTP layers translate them (exit status 1, or one JSON error shape).
"""

from __future__ import annotations

__all__ = [
    "CommuniqueError",
    "DictionaryError",
    "EmptyInput",
    "EngineError",
    "ExtractionError",
    "FetchError",
    "InputError",
    "InputTooLarge",
    "ModelError",
    "NotFound",
    "NotText",
    "SettingsError",
    "SourceNotFound",
    "StoreError",
]


class CommuniqueError(Exception):
    """Base class. ``code`` is stable across versions; ``source`` names the input."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(CommuniqueError):
    code = "E010"


class SourceNotFound(InputError):
    code = "E011"


class FetchError(InputError):
    code = "E012"


class InputTooLarge(InputError):
    code = "E013"


class NotText(InputError):
    code = "E014"


class EmptyInput(InputError):
    code = "E015"


class ExtractionError(CommuniqueError):
    code = "E020"


class ModelError(CommuniqueError):
    code = "E030"


class DictionaryError(CommuniqueError):
    code = "E040"


class StoreError(CommuniqueError):
    code = "E050"


class NotFound(StoreError):
    code = "E051"


class SettingsError(CommuniqueError):
    code = "E060"


class EngineError(CommuniqueError):
    code = "E070"
