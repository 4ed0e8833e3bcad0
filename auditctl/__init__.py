"""auditctl: audit the separation of a transmission/distribution operator's non-public information."""

__version__ = "0.1.0"
