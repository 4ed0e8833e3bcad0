"""Generate a synthetic operator at a named size, in the forms users hand in, from a seed.

    .venv/bin/python bench/gen_bundle.py OUT --size typical [--seed 1] [--log-rows N]

Sizes (accounts; screens × fields × roles of the matrix; terminals; access-log rows):

    small     500 accounts;    10 × 30 × 5;      50 terminals;     1k log rows
    typical   5k accounts;     50 × 100 × 10;    500 terminals;    10k log rows
    large     1M accounts;     500 × 200 × 30;   50k terminals;    10M log rows

Forms: configuration as YAML (organization, systems with screens, roles, fields, contracts,
disaster, auditctl.yaml); the roster (ID台帳) and the masking matrix (マスキング, wide, one column
per role) as one Excel workbook with Japanese sheets, headers and values; people, assignments and
terminals as CSV (UTF-8 with BOM, Japanese headers); logs as CSV. About one record in a thousand
breaks a rule, so that the rules do real work. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing auditctl
    sys.path.insert(0, str(HERE.parent))

from auditctl.bundle_writer import yaml_files  # noqa: E402

AS_OF = date(2026, 11, 27)
FIXED_ZIP_TIME = (2026, 11, 27, 0, 0, 0)


@dataclass(frozen=True)
class Size:
    accounts: int
    screens: int
    fields: int
    roles: int
    terminals: int
    log_rows: int


SIZES = {
    "small": Size(500, 10, 30, 5, 50, 1_000),
    "typical": Size(5_000, 50, 100, 10, 500, 10_000),
    "large": Size(1_000_000, 500, 200, 30, 50_000, 10_000_000),
}
ACCESS = ("○", "マスク", "×")


def organization(units: int) -> dict[str, Any]:
    pg_units = [
        {"id": f"pg-{i:03d}", "company": "chuo-pg", "name": f"送配電{i}課", "side": "network"}
        for i in range(units)
    ]
    return {
        "operator": {"id": "chuo-pg", "name": "中央電力パワーグリッド株式会社"},
        "companies": [
            {
                "id": "chuo-hd",
                "name": "中央電力ホールディングス株式会社",
                "relation": "group_company",
            },
            {
                "id": "chuo-ep",
                "name": "中央電力エナジーパートナー株式会社",
                "relation": "related_retailer",
                "parent": "chuo-hd",
            },
            {
                "id": "chuo-it",
                "name": "中央電力システムズ株式会社",
                "relation": "group_company",
                "parent": "chuo-hd",
            },
        ],
        "units": [
            *pg_units,
            {"id": "ep-sales", "company": "chuo-ep", "name": "営業本部", "side": "competitive"},
            {"id": "it-ops", "company": "chuo-it", "name": "運用部", "side": "neutral"},
        ],
        "locations": [
            {
                "id": f"loc-{i:03d}",
                "name": f"事業所{i}",
                "secured": i % 500 != 7,
                "units": [u["id"]],
            }
            for i, u in enumerate(pg_units)
        ]
        + [{"id": "ep-hq", "name": "小売本社", "secured": True, "units": ["ep-sales"]}],
    }


def field_ids(n: int) -> list[dict[str, str]]:
    classes = ["any_retailer"] * 6 + ["own_customer_only"] * 2 + ["network_only", "public"]
    return [
        {"id": f"f{i:03d}", "label": f"項目{i:03d}", "class": classes[i % len(classes)]}
        for i in range(n)
    ]


def roles(n: int) -> list[dict[str, str]]:
    out = [
        {
            "id": f"r{i:02d}",
            "system": "takuso",
            "name": f"ロール{i:02d}",
            "purpose": "network_operations",
        }
        for i in range(n)
    ]
    out[-1]["purpose"] = "retail_operations"
    if n > 2:
        out[-2]["purpose"] = "disaster_response"
    return out


def systems(size: Size, rnd: random.Random) -> list[dict[str, Any]]:
    screens = [
        {
            "id": f"TK-{i:04d}",
            "name": f"画面{i:04d}",
            "customer_scope": rnd.choice(["all", "all", "own", "none"]),
            "search_keys": ["supply_point_id"],
            "bulk": "list" if i % 50 == 3 else "none",
        }
        for i in range(size.screens)
    ]
    logging = {
        "retention_days": 1825,
        "captures": ["accessor", "content", "time"],
        "review_interval_days": 30,
        "last_review": "2026-11-01",
        "detects_competitive_access": True,
    }
    return [
        {"id": "takuso", "name": "託送業務システム", "owner": "chuo-pg", "holds_non_public": True,
         "access_control": ["role"], "logging": logging, "screens": screens},
        {"id": "ep-crm", "name": "顧客管理システム", "owner": "chuo-ep", "holds_non_public": False},
    ]  # fmt: skip


def write_csv(path: Path, header: list[str], rows: Any) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def people_rows(n: int, units: int, rnd: random.Random) -> tuple[list[list[str]], list[list[str]]]:
    people, assignments = [], []
    for i in range(n):
        pid = f"P{i:07d}"
        left = i % 1000 == 11
        people.append([pid, f"社員{i}", "退職" if left else "在籍", "2025/03/31" if left else ""])
        unit = f"pg-{i % units:03d}"
        start = date(2010, 4, 1) + timedelta(days=rnd.randrange(5000))
        if i % 1000 == 5:  # a mover: network, then retail
            assignments.append([pid, unit, start.strftime("%Y/%m/%d"), "2024/03/31"])
            assignments.append([pid, "ep-sales", "2024/04/01", ""])
        else:
            assignments.append([pid, unit, start.strftime("%Y/%m/%d"), ""])
    return people, assignments


def workbook(path: Path, size: Size, people: int, rnd: random.Random) -> None:
    """ID台帳 and マスキング as one workbook, written in streaming mode."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("ID台帳")
    ws.append(["ID", "システム", "種別", "利用者", "ロール", "状態", "作成日", "最終ログイン",
               "パスワード変更日", "多要素認証", "棚卸日"])  # fmt: skip
    role_ids = [f"r{i:02d}" for i in range(size.roles)]
    for i in range(size.accounts):
        user = f"P{i % people:07d}"
        dormant = i % 1000 == 13
        ws.append([
            f"u{i:07d}", "takuso", "個人", user, role_ids[i % (size.roles - 2)] if size.roles > 2 else role_ids[0],
            "有効", date(2020, 4, 1), date(2025, 1, 10) if dormant else date(2026, 11, 20),
            date(2026, 10, 1), "○" if i % 1000 != 17 else "×", date(2026, 10, 1),
        ])  # fmt: skip
    ws = wb.create_sheet("マスキング")
    ws.append(["システム", "画面ID", "項目", *role_ids])
    for s in range(size.screens):
        for f in range(size.fields):
            cells = []
            for r in range(size.roles):
                retail = r == size.roles - 1
                pick = ACCESS[2] if retail else ACCESS[rnd.randrange(2)]
                if rnd.random() < 0.0005:
                    pick = "" if not retail else ACCESS[0]  # a gap, or retail seeing a field
                cells.append(pick or None)
            ws.append(["takuso", f"TK-{s:04d}", f"f{f:03d}", *cells])
    wb.save(path)
    _fix_zip_dates(path)


_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>([^<]*)</t></is></c>')
_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the workbook as Excel saves one (texts in a shared-strings table, where openpyxl's
    streaming writer puts each text inline in its cell), with fixed entry dates and properties,
    so the same seed gives the same bytes."""
    strings: dict[bytes, int] = {}

    def shared(m: re.Match[bytes]) -> bytes:
        index = strings.setdefault(m.group(2), len(strings))
        return b'<c r="' + m.group(1) + b'" t="s"><v>' + str(index).encode() + b"</v></c>"

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-27T00:00:00Z", data)
            elif info.filename.startswith("xl/worksheets/"):
                data = _INLINE.sub(shared, data)
            elif info.filename == "[Content_Types].xml":
                part = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST}"/>'
                data = data.replace(b"</Types>", part.encode() + b"</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                rel = f'<Relationship Id="rIdSharedStrings" Type="{_SST_REL}" Target="sharedStrings.xml"/>'
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            _write(dst, info.filename, data)
        table = b"".join(b"<si><t>" + text + b"</t></si>" for text in strings)
        _write(
            dst,
            "xl/sharedStrings.xml",
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            + f'uniqueCount="{len(strings)}">'.encode()
            + table
            + b"</sst>",
        )
    tmp.replace(path)


def _write(dst: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    dst.writestr(entry, data)


def terminals(n: int, units: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        unit = f"pg-{i % units:03d}"
        loc = f"loc-{i % units:03d}"
        if i % 1000 == 9:
            unit, loc = "ep-sales", "ep-hq"  # a network terminal handed to the retailer
        rows.append(
            [f"NW-{i:06d}", "NW端末", loc, unit, "takuso", "指定者のみ", "使用中", "2026/06/01"]
        )
    return rows


def logs(path: Path, size: Size, people: int, rnd: random.Random) -> None:
    """Access-log rows over the year before the as-of date, streaming."""
    start = AS_OF - timedelta(days=360)
    span = 360 * 24 * 3600
    actions = ["view"] * 12 + ["search"] * 4 + ["login", "export", "print"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("timestamp,system,account,terminal,screen,action,records\n")
        batch = []
        for i in range(size.log_rows):
            acct = rnd.randrange(size.accounts)
            secs = rnd.randrange(span)
            ts = f"{start + timedelta(seconds=secs)}"
            day = start + timedelta(seconds=secs)
            stamp = f"{day.isoformat()}T{secs % 86400 // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}"
            del ts
            action = actions[i % len(actions)]
            records = str(rnd.randrange(1, 50)) if action in ("export", "print") else ""
            term = f"NW-{acct % size.terminals:06d}"
            batch.append(
                f"{stamp},takuso,u{acct:07d},{term},TK-{rnd.randrange(size.screens):04d},{action},{records}\n"
            )
            if len(batch) >= 100_000:
                fh.writelines(batch)
                batch.clear()
        fh.writelines(batch)


def generate(out: Path, size_name: str, seed: int = 1, log_rows: int | None = None) -> Path:
    size = SIZES[size_name]
    if log_rows is not None:
        size = Size(size.accounts, size.screens, size.fields, size.roles, size.terminals, log_rows)
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    units = max(5, min(500, size.accounts // 2000))
    people = max(10, size.accounts * 4 // 5)
    datasets: dict[str, Any] = organization(units)
    datasets["systems"] = systems(size, rnd)
    datasets["roles"] = roles(size.roles)
    datasets["fields"] = field_ids(size.fields)
    datasets["contracts"] = [
        {"id": "K-2021-007", "contractor": "chuo-it", "client": "chuo-pg", "systems": ["takuso"], "start": "2021-04-01",
         "end": "2027-03-31", "clauses": ["confidentiality", "personal_information", "no_disclosure_to_related_companies",
                                          "prior_approval_for_disclosure", "audit_rights", "return_or_deletion"]},
    ]  # fmt: skip
    datasets["declarations"] = [
        {
            "id": "T2610",
            "name": "台風10号",
            "start": "2026-09-01T06:00",
            "end": "2026-09-04T18:00",
            "post_review": "2026-09-20",
        }
    ]
    config = {"name": f"bench {size_name}", "lang": "ja"}
    for name, text in yaml_files(datasets, config).items():
        (out / name).write_text(text, encoding="utf-8")
    people_rows_, assignment_rows = people_rows(people, units, rnd)
    write_csv(out / "従業員.csv", ["社員番号", "氏名", "在籍状況", "退職日"], people_rows_)
    write_csv(out / "所属履歴.csv", ["社員番号", "所属", "開始日", "終了日"], assignment_rows)
    write_csv(
        out / "端末台帳.csv",
        [
            "端末番号",
            "種別",
            "設置場所",
            "管理部署",
            "利用システム",
            "ログイン制御",
            "状態",
            "棚卸日",
        ],
        terminals(size.terminals, units),
    )
    workbook(out / "台帳.xlsx", size, people, rnd)
    if size.log_rows:
        (out / "logs").mkdir(exist_ok=True)
        logs(out / "logs" / "access.csv", size, people, rnd)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), default="typical")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log-rows", type=int, default=None, help="override the size's log rows")
    args = parser.parse_args()
    generate(args.out, args.size, args.seed, args.log_rows)


if __name__ == "__main__":
    main()
