"""Rules: one module per typology; each rule a function over the model that yields hits."""


def load_all() -> None:
    """Import every typology module so that its rules register themselves."""
    import importlib

    for name in MODULES:
        importlib.import_module(f"auditctl.rules.{name}")


MODULES: tuple[str, ...] = (
    "type_a",
    "type_a_matrix",
    "disaster",
    "contractors",
    "terminals",
    "credentials",
    "questionnaire",
    "waivers",
    "logs",
)
