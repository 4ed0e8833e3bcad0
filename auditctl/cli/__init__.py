"""The command line: a thin typer layer over the pipeline."""

from __future__ import annotations


def main() -> None:
    """Entry point of the `auditctl` command."""
    from auditctl.cli.app import run

    run()
