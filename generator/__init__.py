"""errdocs: a normalized, bilingual error-code reference built from upstream revisions."""

__version__ = "0.1.0"
