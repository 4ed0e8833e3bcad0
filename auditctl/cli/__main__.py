"""`python -m auditctl.cli`."""

from auditctl.cli import main

main()
