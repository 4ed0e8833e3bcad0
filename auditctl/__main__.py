"""`python -m auditctl`."""

from auditctl.cli import main

main()
