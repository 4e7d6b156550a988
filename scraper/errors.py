"""One error hierarchy for the whole package.

    RdkbError
    ├── InputError          the input itself is unusable (the user must fix or skip it)
    │   ├── DecodeError     empty, binary or undecodable bytes
    │   └── NoArticleError  decoded, but no article text (a list, empty or challenge page)
    ├── ConfigError         a YAML/config file is invalid (names the file and key)
    └── ArchiveError        the archive on disk is inconsistent or cannot be written

Stages raise; the CLI catches per item, prints ``origin: reason`` and goes on.
"""

from __future__ import annotations


class RdkbError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(RdkbError):
    """The input cannot become an article; the message says why."""


class DecodeError(InputError):
    pass


class NoArticleError(InputError):
    pass


class ConfigError(RdkbError):
    pass


class ArchiveError(RdkbError):
    pass
