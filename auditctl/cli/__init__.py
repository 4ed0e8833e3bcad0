"""The command line: a thin typer layer over the pipeline."""

from __future__ import annotations

import gc


def main() -> None:
    """Entry point of the `auditctl` command."""
    # A batch run builds millions of small acyclic objects and exits: the cyclic collector only
    # re-scans them (large bundle: 236 s → 198 s with it off, same peak memory).
    gc.disable()
    from auditctl.cli.app import run

    run()
