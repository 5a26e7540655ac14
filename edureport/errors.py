"""The errors edureport raises. Catch :class:`EdureportError` to catch them all."""

from __future__ import annotations


class EdureportError(Exception):
    """Base class of every error edureport raises on purpose."""


class InputError(EdureportError, TypeError):
    """The input is not something a report can be read from (not ``str``, ``None``, …)."""


class DecodeError(EdureportError, UnicodeError):
    """A file's bytes are not UTF-8, UTF-16 (with BOM) or GB18030 text."""


class InputTooLargeError(EdureportError, ValueError):
    """The text is longer than the configured limit (``max_chars``)."""


class ModelError(EdureportError, RuntimeError):
    """The segmenter model could not be obtained, or failed its checksum."""


class ConfigError(EdureportError, ValueError):
    """An unknown option was passed to :func:`edureport.load`."""
