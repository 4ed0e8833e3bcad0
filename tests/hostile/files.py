"""Hostile and broken inputs, built in code so that nothing dangerous is committed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

from tests.helpers import ORG


def workbook(rows: list[list[object]], title: str = "accounts") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rewrite_member(data: bytes, name: str, new: bytes) -> bytes:
    """The same workbook with one zip member replaced."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, new if info.filename == name else src.read(info.filename))
    return out.getvalue()


def with_entity(data: bytes) -> bytes:
    """The workbook with an external entity declared in xl/workbook.xml (an XXE attempt)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("xl/workbook.xml")
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + xml
    )
    return rewrite_member(
        data, "xl/workbook.xml", hostile.replace(b'name="accounts"', b'name="&xxe;"')
    )


def zip_bomb(unpacked_mb: int) -> bytes:
    """A valid-looking workbook whose sheet inflates to `unpacked_mb` MB from a few hundred KB."""
    base = workbook([["id", "system", "kind"], ["u1", "takuso", "personal"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                member = zipfile.ZipInfo(info.filename)
                member.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(member, "w", force_zip64=True) as fh:
                    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    fh.write(head)
                    chunk = b" " * (1024 * 1024)
                    for _ in range(unpacked_mb):
                        fh.write(chunk)
                    fh.write(b"</sheetData></worksheet>")
            else:
                dst.writestr(info, src.read(info.filename))
    return out.getvalue()


def alias_bomb() -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def hostile_bundles(root: Path) -> dict[str, Path]:
    """One bundle folder per hostile case, each of which must end in exit status 2."""
    cases: dict[str, dict[str, bytes | str]] = {
        "yaml-alias-bomb": {"roles.yaml": alias_bomb()},
        "yaml-deep": {"roles.yaml": "x: " + "[" * 5000 + "]" * 5000 + "\n"},
        "yaml-huge-scalar": {
            "roles.yaml": "- {id: r1, system: takuso, name: " + "長" * 200_000 + "}\n"
        },
        "yaml-python-tag": {"roles.yaml": "- !!python/object/apply:os.system ['echo pwned']\n"},
        # 400 MB of XML in a file of ~400 KB, against a limit lowered to 100 MB (building a bomb of
        # gigabytes would cost the test suite seconds; the check is the same).
        "xlsx-zip-bomb": {
            "roster.xlsx": zip_bomb(400),
            "auditctl.yaml": "limits: {max_unpacked_mb: 100}\n",
        },
        "xlsx-xxe": {
            "roster.xlsx": with_entity(
                workbook([["id", "system", "kind"], ["u1", "takuso", "personal"]])
            )
        },
        "xlsx-encrypted": {"roster.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096},
        "xlsx-corrupt": {"roster.xlsx": workbook([["id"], ["u1"]])[:700]},
        "csv-utf16": {"accounts.csv": "ID,システム,種別\nu1,takuso,個人\n".encode("utf-16")},
        "csv-ragged": {"accounts.csv": "ID,システム,種別\nu1,takuso,個人,余分\n"},
    }
    out = {}
    for name, files in cases.items():
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "organization.yaml").write_text(ORG, encoding="utf-8")
        for file, content in files.items():
            if isinstance(content, str):
                (folder / file).write_text(content, encoding="utf-8")
            else:
                (folder / file).write_bytes(content)
        out[name] = folder
    return out
