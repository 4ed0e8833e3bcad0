"""The starter bundle of `auditctl init`: one example record per dataset, for a fictional operator,
that validates and checks clean on the day it is written (its dates are relative to that day).
As commented YAML files, or as organization.yaml + auditctl.yaml + one workbook with every sheet."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from auditctl.bundle_writer import ORGANIZATION, build_workbook, reproducible
from auditctl.catalog import catalog
from auditctl.commented_yaml import Emitter
from auditctl.load.specs import NESTED, specs
from auditctl.questionnaire_book import build_sheet

WORKBOOK = "点検データ.xlsx"
LOG_FILE = "logs/access.csv"
EXAMPLE = "記入例です。実際の内容に置き換えてください。"
# Rules no waiver may hide in the starter's policy: the critical ones.
UNWAIVABLE = ["A-01", "C1-02", "C1-06", "C2-01", "C2-02", "C2-06", "C3-01", "C3-08"]


def datasets(d: date) -> dict[str, Any]:
    """The example records, as of day `d`: a clean bundle with one accepted exception (a waiver)."""

    def ago(days: int) -> str:
        return (d - timedelta(days=days)).isoformat()

    return {
        "operator": {"id": "example-pg", "name": "例示電力パワーグリッド株式会社"},
        "companies": [
            {"id": "example-ep", "name": "例示電力エナジー株式会社", "relation": "related_retailer"},
            {"id": "example-it", "name": "例示システムサービス株式会社", "relation": "contractor"},
        ],
        "units": [
            {"id": "pg-takuso", "company": "example-pg", "name": "託送業務部", "side": "network"},
            {"id": "ep-sales", "company": "example-ep", "name": "営業部", "side": "competitive"},
        ],
        "locations": [{"id": "hq-3f", "name": "本店3F", "secured": True, "units": ["pg-takuso"]}],
        "people": [
            {"id": "P0001", "name": "例示太郎", "status": "active",
             "assignments": [{"unit": "pg-takuso", "from": ago(2000)}]},
        ],
        "systems": [
            {"id": "takuso", "name": "託送業務システム", "owner": "example-pg",
             "holds_non_public": True, "access_control": ["role", "terminal"],
             "logging": {"retention_days": 1825, "captures": ["accessor", "content", "time"],
                         "review_interval_days": 30, "last_review": ago(10),
                         "detects_competitive_access": True},
             "screens": [{"id": "TK-010", "name": "契約照会", "customer_scope": "all",
                          "search_keys": ["supply_point_id"], "bulk": "none"}]},
        ],
        "roles": [
            {"id": "takuso-operator", "system": "takuso", "name": "託送担当",
             "purpose": "network_operations"},
        ],
        "masking": [
            {"system": "takuso", "screen": "TK-010", "field": "supply_point_id",
             "access": {"takuso-operator": "visible"}},
        ],
        "fields": [
            {"id": "payment_status", "label": "支払状況", "label_en": "Payment status",
             "aliases": ["支払い状況"], "class": "own_customer_only"},
        ],
        "accounts": [
            {"id": "u-0001", "system": "takuso", "kind": "personal", "users": ["P0001"],
             "roles": ["takuso-operator"], "status": "enabled", "created": ago(400),
             "last_login": ago(1), "password_changed": ago(30), "mfa": False,
             "last_review": ago(30), "terminals": ["NW-0001"]},
        ],
        "terminals": [
            {"id": "NW-0001", "kind": "network", "location": "hq-3f", "assigned_unit": "pg-takuso",
             "systems": ["takuso"], "login_policy": "network_staff_only", "state": "in_use",
             "last_inventory": ago(30)},
        ],
        "contracts": [
            {"id": "K-0001", "contractor": "example-it", "client": "example-pg",
             "services": ["託送業務システム保守", "災害時の復旧支援"], "systems": ["takuso"],
             "start": ago(365), "end": ago(-365), "disaster_only": False,
             "clauses": ["confidentiality", "personal_information",
                         "no_disclosure_to_related_companies", "prior_approval_for_disclosure",
                         "audit_rights", "return_or_deletion"]},
        ],
        "data_flows": [
            {"id": "DF-01", "from": "example-pg", "to": "example-it", "source_system": "takuso",
             "fields": ["supply_point_id"], "customers": "all", "frequency": "monthly",
             "approved_by_operator": True},
        ],
        "arrangements": [
            {"id": "DR-01", "partner": "example-it", "agreement": "K-0001",
             "activation": "on_declaration", "review_interval_days": 90, "last_review": ago(30)},
        ],
        "declarations": [
            {"id": "T-01", "name": "台風1号", "start": f"{ago(60)}T06:00",
             "end": f"{ago(58)}T18:00", "post_review": ago(50)},
        ],
        "attestations": [
            {"item": q.id, "answer": "yes", "evidence": f"（記入例）{q.evidence.ja}",
             "answered_by": "（記入例）行為規制対応室", "date": ago(7)}
            for q in catalog().questionnaire
        ],
        "waivers": [
            {"rule": "C3-06", "subject": "account:takuso/u-0001",
             "reason": "（記入例）多要素認証は次回のシステム更改で導入する。それまでは端末限定で運用する",
             "approved_by": "（記入例）情報管理責任者", "expires": ago(-90)},
        ],
    }  # fmt: skip


def config(d: date) -> dict[str, Any]:
    """The starter's auditctl.yaml: the product's defaults written out, and a waiver policy."""
    return {
        "name": "例示電力パワーグリッド 自己点検（記入例）",
        "fail_on": "low",
        "lang": "ja",
        "rules": {"skip": [], "severity": {}},
        "thresholds": {"dormant_days": 90, "account_review_days": 180,
                       "terminal_inventory_days": 365, "log_review_max_days": 31,
                       "log_retention_days": 1825, "disaster_review_max_days": 90,
                       "post_review_days": 30, "concurrent_minutes": 5,
                       "export_records_per_day": 1000},
        "waivers": {"unwaivable": UNWAIVABLE, "max_days": 180},
    }  # fmt: skip


def access_log(d: date) -> str:
    """Two rows of an access log (logs/*.csv): a login and a look-up, by the network operator."""
    day = (d - timedelta(days=1)).isoformat()
    return (
        "日時,システム,ID,端末,画面,操作,件数\n"
        f"{day}T09:00:00,takuso,u-0001,NW-0001,,login,\n"
        f"{day}T09:01:00,takuso,u-0001,NW-0001,TK-010,view,1\n"
    )


# One header per file: what it holds, then the common reminder.
NOTES: dict[str, tuple[str, ...]] = {
    "organization.yaml": ("事業者（一般送配電事業者）、グループ会社・委託先（companies）、組織（units）、拠点（locations）。",
                          "必須のファイルで、YAML でのみ書けます。組織の side を省略すると、事業者の組織は network、",
                          "関係小売・関係発電の組織は competitive になります。"),
    "people.yaml": ("従業員（1件が1人）と所属履歴（assignments）。from / to は両端を含み、to が空欄なら継続中。",
                    "送配電部門から小売部門へ移った人は「異動者」として C③ の規則が見ます。"),
    "systems.yaml": ("情報システム（1件が1システム）と画面（screens）。非公開情報を保有するシステムが A 類型の対象です。",),
    "roles.yaml": ("ロール（権限セット）。1件がシステム1つのロール1つ。",),
    "masking.yaml": ("マスキング表（画面×項目×ロール）。1件が画面1つの項目1つで、access にロールごとの表示可否を書きます。",
                     "記載のないロールは「未決定」として A-05 で報告されます。"),
    "fields.yaml": ("項目分類。組込みの項目カタログにない項目を追加するか、より厳しい区分に変更します（緩めることはできません）。",),
    "accounts.yaml": ("ID台帳。1件がシステム1つのログインID1つ。",),
    "terminals.yaml": ("端末台帳。1件が端末1台。",),
    "contracts.yaml": ("委託契約（contracts）とデータ授受（data_flows）。",),
    "disaster.yaml": ("災害対応の取決め（arrangements）と災害の発生期間（declarations）。",),
    "attestations.yaml": ("自己点検（データでは確認できない事項）の回答。1件が質問票の1項目（Q-01 〜 Q-20）。",
                          "auditctl questionnaire で Excel の自己点検票を作り、記入したブックをこのファイルの代わりに置くこともできます。",
                          "回答のない項目、理由のない「該当なし」は指摘になります。"),
    "waivers.yaml": ("例外承認。1件が指摘1件（ルールと対象キー subject で照合）。5項目すべて必須。",
                     "有効期限の当日まで有効で、翌日からは W-01 として報告され、指摘も再び数えられます。",
                     "どの指摘にも該当しない例外承認は W-02 として報告されます。"),
    "auditctl.yaml": ("点検の設定。コマンドラインの指定がこのファイルより優先します。不明なキーはエラーです。",),
}  # fmt: skip
_FILES: dict[str, tuple[str, ...]] = {
    "people.yaml": ("people",), "systems.yaml": ("systems",), "roles.yaml": ("roles",),
    "masking.yaml": ("masking",), "fields.yaml": ("fields",), "accounts.yaml": ("accounts",),
    "terminals.yaml": ("terminals",), "contracts.yaml": ("contracts", "data_flows"),
    "disaster.yaml": ("arrangements", "declarations"), "attestations.yaml": ("attestations",),
    "waivers.yaml": ("waivers",),
}  # fmt: skip


def _start(name: str) -> Emitter:
    e = Emitter()
    e.header(f"{name} — " + NOTES[name][0], *NOTES[name][1:], EXAMPLE)
    return e


def _question(rec: Any) -> str | None:
    item = next((q for q in catalog().questionnaire if q.id == rec.get("item")), None)
    return f"{item.id} {item.question.ja}" if item else None


def organization_yaml(data: dict[str, Any]) -> str:
    e = _start("organization.yaml")
    e.raw("operator:  # 事業者（一般送配電事業者）")
    e.mapping(data["operator"], specs()["operator"].props, 2, dash=False)
    for section in ORGANIZATION[1:]:
        e.raw(f"{section}:")
        e.records(section, data[section], indent=2)
    return e.text()


def config_yaml(d: date) -> str:
    e = _start("auditctl.yaml")
    e.mapping(config(d), specs()["config"].props, 0, dash=False)
    return e.text()


def yaml_bundle(d: date) -> dict[str, str | bytes]:
    """File name -> content of the YAML starter."""
    data = datasets(d)
    out: dict[str, str | bytes] = {"organization.yaml": organization_yaml(data)}
    for name, parts in _FILES.items():
        e = _start(name)
        if len(parts) == 1:
            above = _question if parts[0] == "attestations" else None
            e.records(parts[0], data[parts[0]], above=above)
        else:
            for part in parts:
                e.raw(f"{part}:")
                e.records(part, data[part], indent=2)
        out[name] = e.text()
    out["auditctl.yaml"] = config_yaml(d)
    out[LOG_FILE] = access_log(d)
    return out


def flat(data: dict[str, Any]) -> dict[str, Any]:
    """Nested YAML records (a person's assignments, a system's screens) as the sheets hold them."""
    out = dict(data)
    for (parent, key), (child, parent_key) in NESTED.items():
        rows = []
        for rec in data.get(parent, []):
            rows += [{parent_key: rec["id"], **c} for c in rec.get(key, [])]
        out[parent] = [{k: v for k, v in rec.items() if k != key} for rec in data.get(parent, [])]
        out[child] = rows
    return out


def excel_bundle(d: date) -> dict[str, str | bytes]:
    """File name -> content of the Excel starter: every dataset but organization in one workbook."""
    data = datasets(d)
    rest = {k: v for k, v in flat(data).items() if k not in ORGANIZATION and k != "attestations"}
    wb = build_workbook(rest, dropdowns=True)
    answers = {a["item"]: a for a in data["attestations"]}
    sheet = build_sheet(wb, catalog(), "ja", answers)
    wb.move_sheet(sheet, offset=-1)  # before 例外承認, in the order of bundle.md
    wb.properties.creator = "auditctl"
    buf = io.BytesIO()
    wb.save(buf)
    return {
        "organization.yaml": organization_yaml(data),
        "auditctl.yaml": config_yaml(d),
        WORKBOOK: reproducible(buf.getvalue()),
        LOG_FILE: access_log(d),
    }
