"""Property tests: random and mutated YAML, CSV and workbook bytes give records or placed errors,
quickly, and never any other exception."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditctl.load.bundle import load_bundle
from auditctl.load.yaml import compose_file
from auditctl.pipeline import prepare
from auditctl.settings import Options
from tests.helpers import ORG
from tests.hostile.files import workbook

FAST = settings(
    max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
SEED_YAML = "- id: P1\n  name: 山田\n  assignments:\n    - {unit: pg-takuso, from: 2020-04-01}\n"
SEED_CSV = 'ID,システム,種別,利用者\nu1,takuso,個人,"P1、P2"\n'.encode("cp932")
SEED_XLSX = workbook(
    [["ID", "システム", "種別"], ["u1", "takuso", "個人"], [123, "takuso", "共用"]]
)


def mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    buf = bytearray(data)
    for pos, value in edits:
        if buf:
            buf[pos % len(buf)] = value
    return bytes(buf)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=12)


def load_with(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "organization.yaml").write_text(ORG, encoding="utf-8")
        (folder / name).write_bytes(content)
        prep = prepare(folder, Options(lang="en"))  # load, validate, references, model
        for diag in prep.errors:  # every problem has a code and renders in both languages
            assert diag.code and diag.render("ja") and diag.render("en")


@FAST
@given(st.text(max_size=400))
def test_any_text_composes_or_is_a_placed_error(text: str) -> None:
    value, diags = compose_file(text, "x.yaml")
    assert value is not None or diags
    for diag in diags:
        assert diag.place is not None and diag.place.file == "x.yaml"


@FAST
@given(EDITS)
def test_mutated_yaml(edits: list[tuple[int, int]]) -> None:
    load_with("people.yaml", mutate(SEED_YAML.encode("utf-8"), edits))


@FAST
@given(EDITS)
def test_mutated_csv(edits: list[tuple[int, int]]) -> None:
    load_with("accounts.csv", mutate(SEED_CSV, edits))


@FAST
@given(EDITS)
def test_mutated_workbook(edits: list[tuple[int, int]]) -> None:
    load_with("roster.xlsx", mutate(SEED_XLSX, edits))


@FAST
@given(st.binary(max_size=2000), st.sampled_from(["people.yaml", "accounts.csv", "roster.xlsx"]))
def test_random_bytes(data: bytes, name: str) -> None:
    load_with(name, data)


def test_seeds_are_valid() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "organization.yaml").write_text(ORG, encoding="utf-8")
        (folder / "people.yaml").write_text(SEED_YAML, encoding="utf-8")
        (folder / "accounts.csv").write_bytes(SEED_CSV)
        (folder / "roster.xlsx").write_bytes(io.BytesIO(SEED_XLSX).getvalue())
        loaded = load_bundle(folder)
        assert [d.code for d in loaded.diagnostics] == ["bundle.dataset_twice"]
