"""The wheel ships the catalog and the schemas: installed on its own, `auditctl rules` works."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_runs_from_its_own_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("auditctl-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "auditctl/_data/checklists/rules.yaml",
        "auditctl/_data/checklists/fields.yaml",
        "auditctl/_data/checklists/questionnaire.yaml",
        "auditctl/_data/checklists/cases/_base.yaml",
        "auditctl/_data/schemas/accounts.schema.json",
        "auditctl/_data/schemas/report.schema.json",
    ):
        assert needed in names
    fresh = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    python = fresh / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # Dependencies come from the test environment; the package itself only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    where = subprocess.run(
        [str(python), "-c", "import auditctl.resources as r; print(r.data_dir('checklists'))"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert where.startswith(site)
    result = subprocess.run(
        [str(fresh / "bin" / "auditctl"), "rules", "--format", "json", "--lang", "en"],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert '"A-01"' in result.stdout
