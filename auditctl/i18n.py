"""Bilingual texts of everything auditctl says that is not a rule: errors, headings, verdicts."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")

# code -> (Japanese, English). Placeholders are str.format fields; both languages use the same.
MESSAGES: dict[str, tuple[str, str]] = {
    # the bundle as a whole
    "bundle.missing": ("バンドル {path} が見つかりません", "bundle {path} does not exist"),
    "bundle.not_folder": (
        "{path} はフォルダではありません（バンドルはフォルダで指定してください）",
        "{path} is not a folder (a bundle is a folder)",
    ),
    "bundle.no_organization": (
        "organization.yaml がありません（必須のデータセットです）",
        "organization.yaml is missing (the one required dataset)",
    ),
    "bundle.dataset_twice": (
        "データセット {dataset} が2回与えられています（{other} にもあります）。どちらか一方にしてください",
        "dataset {dataset} is given twice (also in {other}); keep one of them",
    ),
    "file.unreadable": ("ファイルを読めません: {error}", "cannot read the file: {error}"),
    "file.too_large": (
        "ファイルが大きすぎます（{size_mb} MB > 上限 {limit_mb} MB）。"
        "auditctl.yaml の limits.max_file_mb で上限を変えられます",
        "file too large ({size_mb} MB > limit {limit_mb} MB); raise limits.max_file_mb in auditctl.yaml",
    ),
    "file.not_regular": (
        "通常のファイルではないため読みません（名前付きパイプ・デバイス等）",
        "not a regular file (a named pipe, a device…); not read",
    ),
    "file.is_folder": (
        "データファイルの名前ですがフォルダです",
        "named like a data file, but it is a folder",
    ),
    "file.symlink_outside": (
        "バンドルの外を指すシンボリックリンクは読みません",
        "a symbolic link pointing outside the bundle is not followed",
    ),
    # YAML
    "yaml.syntax": ("YAML の構文エラー: {problem}", "YAML syntax error: {problem}"),
    "yaml.duplicate_key": (
        "キー {key} が重複しています（最初は {first} 行目）",
        "duplicate key {key} (first at line {first})",
    ),
    "yaml.tag": (
        "タグ {tag} は使えません（オブジェクトを生成するタグは拒否します）",
        "tag {tag} is not allowed (tags that construct objects are refused)",
    ),
    "yaml.too_complex": (
        "YAML のエイリアス（*参照）の展開が大きすぎるため読みません",
        "YAML alias (*reference) expansion is too large; refused",
    ),
    "yaml.too_deep": (
        "YAML の入れ子が深すぎます（{limit} 段超）",
        "YAML nesting is too deep (over {limit} levels)",
    ),
    "yaml.expected_list": (
        "{dataset} のレコードのリストが必要です（{found} が書かれています）",
        "expected a list of {dataset} records (found {found})",
    ),
    "yaml.expected_sections": (
        "セクション（{allowed}）ごとに書く形式が必要です（{found} が書かれています）",
        "expected a mapping of sections ({allowed}); found {found}",
    ),
    "yaml.expected_mapping": (
        "レコード（キー: 値 の組）が必要です（{found} が書かれています）",
        "expected a record (a mapping of keys to values), found {found}",
    ),
    "yaml.unknown_section": (
        "不明なセクション {key} です。使えるもの: {allowed}",
        "unknown section {key}; expected one of: {allowed}",
    ),
    "yaml.empty": ("ファイルが空です", "the file is empty"),
    # CSV and Excel
    "csv.encoding": (
        "文字コードを判別できません（UTF-8、BOM付きUTF-8、CP932 のいずれかで保存してください）",
        "unknown text encoding (save as UTF-8, UTF-8 with BOM, or CP932)",
    ),
    "csv.syntax": ("CSV を読めません: {problem}", "cannot parse the CSV: {problem}"),
    "table.no_header": (
        "見出し行がありません（1行目に列名を書いてください）",
        "no header row (put the column names in the first row)",
    ),
    "table.duplicate_header": (
        "列 {key} が2回あります（{first} と {second}）",
        "column {key} appears twice ({first} and {second})",
    ),
    "xlsx.unreadable": ("ブックを開けません: {error}", "cannot open the workbook: {error}"),
    "xlsx.formula_no_value": (
        "数式の計算結果が保存されていません。Excel で開いて保存し直してください",
        "formula without a cached value; open the workbook in Excel and save it again",
    ),
    "xlsx.encrypted": (
        "パスワード保護（暗号化）されたブック、又は旧形式（.xls）のファイルです。パスワードを外して .xlsx で保存し直してください",
        "a password-protected (encrypted) workbook, or an old .xls file; remove the password and save as .xlsx",
    ),
    "xlsx.unsafe": (
        "ブックの XML に外部実体・DTD の定義があるため読みません（{error}）",
        "the workbook's XML defines entities or a DTD, which is refused ({error})",
    ),
    "limit.unpacked": (
        "ブックの展開後のサイズが上限を超えます（{size_mb} MB > {limit} MB）。必要なら auditctl.yaml の {key} で上限を上げてください",
        "the workbook unpacks to more than the limit ({size_mb} MB > {limit} MB); raise {key} in auditctl.yaml if needed",
    ),
    "limit.cell": (
        "値が長すぎます（{size} 文字 > 上限 {limit} 文字）。必要なら auditctl.yaml の {key} で上限を上げてください",
        "value too long ({size} characters > limit {limit}); raise {key} in auditctl.yaml if needed",
    ),
    "limit.rows": (
        "行数が上限 {limit} を超えたため、ここから先は読みません。必要なら auditctl.yaml の {key} で上限を上げてください",
        "more rows than the limit of {limit}; nothing from here on is read (raise {key} in auditctl.yaml if needed)",
    ),
    "table.extra_cell": (
        "見出しのない列に値があります（見出しを付けるか、値を消してください）",
        "a value in a column without a header (name the column or clear the value)",
    ),
    "bundle.logs_not_folder": (
        "logs はフォルダである必要があります（アクセスログの CSV を入れるフォルダ）",
        "logs must be a folder (holding the access-log CSV files)",
    ),
    "xlsx.not_supported": (
        "{ext} 形式は読めません。.xlsx で保存し直してください",
        "{ext} files are not supported; save the workbook as .xlsx",
    ),
    "masking.role_column": (
        "マスキング表の列 {header} はロールIDとして扱います",
        "masking column {header} is read as a role ID",
    ),
    # values and schema
    "value.invalid": (
        "{key} の値 {value} は{expected}ではありません",
        "{key}: {value} is not {expected}",
    ),
    "schema.required": ("必須項目 {key} がありません", "required key {key} is missing"),
    "schema.type": (
        "{key} には{expected}が必要です（{value} が書かれています）",
        "{key} must be {expected} (found {value})",
    ),
    "schema.enum": (
        "{key} の値 {value} は使えません。使える値: {allowed}",
        "{key}: {value} is not allowed; expected one of: {allowed}",
    ),
    "schema.additional": (
        "不明なキー {key} です（入力ミスでデータが隠れないよう、エラーにしています）。使えるキー: {allowed}",
        "unknown key {key} (a typo must not hide data); expected one of: {allowed}",
    ),
    "schema.format": (
        "{key} の値 {value} は{expected}として読めません",
        "{key}: {value} is not {expected}",
    ),
    "schema.min_length": ("{key} が空です", "{key} is empty"),
    "schema.minimum": (
        "{key} の値 {value} は {limit} 以上にしてください",
        "{key}: {value} must be at least {limit}",
    ),
    "schema.min_items": ("{key} に1つ以上の値が必要です", "{key} needs at least one value"),
    "schema.other": ("{key}: {detail}", "{key}: {detail}"),
    "record.duplicate": (
        "{dataset} の {key} {value} が重複しています（最初は {first}）",
        "duplicate {dataset} {key} {value} (first at {first})",
    ),
    "ref.missing": (
        "{key} の {value} は {target} にありません",
        "{key}: {value} is not in {target}",
    ),
    "ref.ambiguous": (
        "{key} の {value} は複数のシステムにあります。system/ID の形で書いてください（候補: {candidates}）",
        "{key}: {value} exists on several systems; write it as system/ID (one of: {candidates})",
    ),
    "ref.wrong_system": (
        "{key} の {value} はシステム {system} のものではありません（{actual} のロールです）",
        "{key}: {value} is not a role of system {system} (it belongs to {actual})",
    ),
    "field.less_strict": (
        "項目 {field} の区分を {builtin} から {given} へ緩めることはできません（厳しくする方向のみ可）",
        "field {field} cannot be made less protected ({builtin} → {given}); a bundle may only "
        "make a field stricter",
    ),
    "field.alias_clash": (
        "項目名 {alias} は {field} と {other} の両方を指しています",
        "field name {alias} refers to both {field} and {other}",
    ),
    "masking.duplicate": (
        "{system}/{screen}/{field} のロール {role} の判断が2回あります（最初は {first}）",
        "role {role} is decided twice for {system}/{screen}/{field} (first at {first})",
    ),
    "waiver.unknown_rule": (
        "ルール {value} はカタログにありません",
        "rule {value} is not in the catalog",
    ),
    # command line
    "cli.unknown_rule": ("不明なルールIDです: {value}", "unknown rule ID: {value}"),
    "cli.unknown_typology": (
        "不明な類型です: {value}（使えるもの: {allowed}）",
        "unknown typology: {value} (expected one of: {allowed})",
    ),
    "cli.unknown_severity": (
        "不明な重大度です: {value}（使えるもの: {allowed}）",
        "unknown severity: {value} (expected one of: {allowed})",
    ),
    "cli.unknown_format": (
        "不明な出力形式です: {value}（使えるもの: {allowed}）",
        "unknown format: {value} (expected one of: {allowed})",
    ),
    "cli.unknown_dataset": (
        "不明なデータセットです: {value}（使えるもの: {allowed}）",
        "unknown dataset: {value} (expected one of: {allowed})",
    ),
    "cli.unknown_lang": (
        "不明な言語です: {value}（使えるもの: ja, en）",
        "unknown language: {value} (expected one of: ja, en)",
    ),
    "cli.bad_date": (
        "日付 {value} を読めません（例: 2026-11-27）",
        "cannot read the date {value} (for example 2026-11-27)",
    ),
    "cli.output_count": (
        "--format を複数指定するときは、それぞれに --output を指定してください",
        "give one --output for each --format when there are several",
    ),
    "cli.write_failed": (
        "{path} に書き込めません: {error}",
        "cannot write {path}: {error}",
    ),
    "cli.internal": (
        "内部エラーです（--debug で詳細を表示）: {error}",
        "internal error (run with --debug for details): {error}",
    ),
    "cli.format_unavailable": (
        "出力形式 {value} はこの版ではまだ使えません（使えるもの: {allowed}）",
        "format {value} is not available in this version (available: {allowed})",
    ),
    "config.unknown_rule": (
        "ルール {value} はカタログにありません",
        "rule {value} is not in the catalog",
    ),
    # report headings and verdicts
    "report.verdict_fail": (
        "判定: 要対応（{fail_on} 以上の指摘 {count} 件）",
        "Verdict: FAIL ({count} finding(s) at or above {fail_on})",
    ),
    "report.verdict_pass": (
        "判定: 問題なし（{fail_on} 以上の指摘なし）",
        "Verdict: PASS (no finding at or above {fail_on})",
    ),
    "report.verdict_error": (
        "判定: 入力エラー（{count} 件）のため点検できません",
        "Verdict: ERROR ({count} input error(s)); nothing was checked",
    ),
    "report.counts": (
        "重大 {critical}・高 {high}・中 {medium}・低 {low}・情報 {info}（例外承認 {waived}、ベースライン {baselined}）",
        "critical {critical}, high {high}, medium {medium}, low {low}, info {info} (waived {waived}, baselined {baselined})",
    ),
    "report.absent": (
        "提出されていないデータセット: {names}（これらの規則は判定していません）",
        "datasets not provided: {names} (their rules were not judged)",
    ),
    "report.not_implemented": (
        "未実装のルール: {count} 件（auditctl rules で確認できます）",
        "rules not implemented yet: {count} (see auditctl rules)",
    ),
    "report.ignored_columns": ("読み飛ばした列: {items}", "columns ignored: {items}"),
    "report.no_findings": ("指摘はありません", "no findings"),
    "report.rules_passed": ("指摘のなかったルール: {rules}", "rules with no finding: {rules}"),
    "head.severity": ("重大度", "Severity"),
    "head.rule": ("ルール", "Rule"),
    "head.subject": ("対象", "Subject"),
    "head.message": ("内容", "Message"),
    "head.location": ("場所", "Location"),
    "head.title": ("タイトル", "Title"),
    "head.typology": ("類型", "Typology"),
    "head.implemented": ("実装", "Implemented"),
    "head.basis": ("根拠", "Basis"),
    "head.condition": ("条件", "Condition"),
    "head.remediation": ("是正策", "Remediation"),
    "head.message_template": ("メッセージ", "Message"),
    "head.example_fail": ("違反する例", "Failing example"),
    "head.example_pass": ("違反しない例", "Passing example"),
    "word.yes": ("○", "yes"),
    "word.no": ("―", "no"),
    "validate.ok": (
        "入力に問題はありません（{files} ファイル、{records} レコード）",
        "the bundle is valid ({files} files, {records} records)",
    ),
    "validate.errors": ("入力エラー {count} 件", "{count} input error(s)"),
    # report formats: SARIF, JUnit, CSV, Excel, Markdown, HTML, progress (issue #7)
    "head.fingerprint": ("フィンガープリント", "Fingerprint"),
    "head.waived": ("例外承認", "Waived"),
    "head.baselined": ("ベースライン", "Baselined"),
    "junit.input_suite": ("入力エラー", "Input errors"),
    "junit.skipped_absent": (
        "データセット {dataset} が提出されていないため判定していません",
        "not judged: dataset {dataset} was not provided",
    ),
    "junit.skipped_not_implemented": ("このルールは未実装です", "rule not implemented yet"),
    "junit.skipped_not_run": ("このルールは実行していません", "rule not run"),
    "junit.waived": ("例外承認済み: {reason}", "waived: {reason}"),
    "junit.baselined": ("ベースラインに記録済みの指摘", "in the baseline"),
    "md.findings": (
        "指摘（{fail_on} 以上を先頭に）",
        "Findings ({fail_on} and above first)",
    ),
    "md.more": (
        "…ほか {count} 件（全件は JSON・Excel・HTML の報告にあります）",
        "… and {count} more (the JSON, Excel and HTML reports list them all)",
    ),
    "md.more_errors": ("…ほか {count} 件", "… and {count} more"),
    "md.total": ("計", "Total"),
    "md.errors": ("入力エラー", "Input errors"),
    "html.title": ("auditctl 点検結果", "auditctl report"),
    "html.meta": (
        "点検基準日 {as_of}・バンドル {bundle}・auditctl {version}",
        "as of {as_of} · bundle {bundle} · auditctl {version}",
    ),
    "html.footer": (
        "auditctl {version} が作成（ルールカタログ {digest}…）。このページは外部と通信しません。",
        "Made by auditctl {version} (rule catalog {digest}…). This page makes no network access.",
    ),
    "html.summary": ("概要", "Summary"),
    "html.by_typology": ("類型別の指摘件数", "Findings by typology"),
    "html.by_severity": ("重大度別の指摘件数", "Findings by severity"),
    "html.findings": ("指摘一覧", "Findings"),
    "html.filter": ("絞り込み（ルール、対象、内容…）", "Filter (rule, subject, message…)"),
    "html.all_severities": ("すべての重大度", "All severities"),
    "html.all_typologies": ("すべての類型", "All typologies"),
    "html.show_waived": (
        "例外承認・ベースラインの指摘も表示",
        "Show waived and baselined findings",
    ),
    "html.count": ("{total} 件中 {shown} 件を表示", "showing {shown} of {total}"),
    "html.waived": ("例外承認", "waived"),
    "html.baselined": ("ベースライン", "baselined"),
    "html.inputs": ("点検した入力ファイル", "Input files audited"),
    "html.file": ("ファイル", "File"),
    "html.size": ("サイズ（バイト）", "Size (bytes)"),
    "sheet.sheet_summary": ("概要", "Summary"),
    "sheet.sheet_findings": ("指摘一覧", "Findings"),
    "sheet.sheet_matrix": ("マスキング_{system}", "Masking {system}"),
    "sheet.bundle": ("バンドル", "Bundle"),
    "sheet.as_of": ("点検基準日", "As of"),
    "sheet.verdict": ("判定", "Verdict"),
    "sheet.note": ("備考", "Note"),
    "sheet.fail_on": ("不合格とする重大度（--fail-on）", "Fails on (--fail-on)"),
    "sheet.tool": ("ツール", "Tool"),
    "sheet.catalog": ("ルールカタログ（SHA-256）", "Rule catalog (SHA-256)"),
    "sheet.counts": ("類型別・重大度別の指摘件数", "Findings by typology and severity"),
    "sheet.rules_run": ("実行したルール数", "Rules run"),
    "sheet.rules_passed": ("指摘のなかったルール数", "Rules with no finding"),
    "sheet.absent": ("提出されていないデータセット", "Datasets not provided"),
    "sheet.matrix_title": (
        "{name}（{system}）マスキング表のヒートマップ",
        "{name} ({system}): masking matrix heat map",
    ),
    "sheet.system_findings": ("システム全体の指摘", "System-wide findings"),
    "sheet.screen": ("画面ID", "Screen"),
    "sheet.screen_name": ("画面名", "Screen name"),
    "sheet.field": ("項目ID", "Field"),
    "sheet.field_label": ("項目名", "Field label"),
    "sheet.competitive": ("（小売側）", "(competitive)"),
    "sheet.access.visible": ("表示", "visible"),
    "sheet.access.masked": ("マスク", "masked"),
    "sheet.access.hidden": ("非表示", "hidden"),
    "sheet.access.none": ("（未設定）", "(none)"),
    "sheet.screen_prefix": ("画面単位: ", "whole screen: "),
    "sheet.legend": ("凡例（最も重い指摘の色）", "Legend (colour of the gravest finding)"),
    "sheet.legend_tint": ("淡色: 画面単位の指摘", "light: finding on the whole screen"),
    "progress.load": ("読み込み・検証中", "Reading and validating"),
    "progress.rules": ("ルールを実行中", "Running the rules"),
    # access logs (issue #6): files, headers, rejected rows, the report's summary line
    "progress.logs": ("アクセスログを読み込み中", "Reading the access logs"),
    "logs.missing": ("--logs で指定したパスがありません", "the --logs path does not exist"),
    "logs.no_match": (
        "--logs のパターンに一致するログファイル（.csv、.csv.gz）がありません",
        "no log file (.csv, .csv.gz) matches the --logs pattern",
    ),
    "logs.none_in_folder": (
        "フォルダにログファイル（.csv、.csv.gz）がありません",
        "the folder holds no log file (.csv, .csv.gz)",
    ),
    "logs.not_csv": (
        "ログファイルは .csv か .csv.gz にしてください",
        "a log file must be .csv or .csv.gz",
    ),
    "logs.header": (
        "アクセスログの見出しに必須の列 {missing} がありません（見出し: {found}）。"
        "使える列名: timestamp/日時, system/システム, account/ID, terminal/端末, screen/画面, "
        "action/操作, records/件数",
        "the access log's header lacks the required column(s) {missing} (header: {found}); "
        "columns: timestamp/日時, system/システム, account/ID, terminal/端末, screen/画面, "
        "action/操作, records/件数",
    ),
    "logs.columns": (
        "列の数が見出しと合いません",
        "the number of columns does not match the header",
    ),
    "logs.unparseable": ("CSV として読めません", "not readable as CSV"),
    "logs.changed": (
        "読み取り中にファイルが変わりました (2 度目の読み取りで行数が異なります)",
        "the file changed while it was being read (a second reading gave another number of rows)",
    ),
    "logs.empty": ("{column} が空です", "{column} is empty"),
    "logs.bad_timestamp": (
        "日時を読めません（例: 2026-10-01 09:15:00、2026/10/01 9:15、+09:00 付き）",
        "the timestamp cannot be read (e.g. 2026-10-01 09:15:00, 2026/10/01 9:15, with +09:00)",
    ),
    "logs.bad_action": (
        "操作が login/view/search/export/print（ログイン・照会・検索・出力・印刷）のいずれでもありません",
        "the action is none of login, view, search, export, print",
    ),
    "logs.bad_records": (
        "件数が0以上の整数ではありません",
        "records is not a whole number of 0 or more",
    ),
    "report.logs": (
        "アクセスログ: {files} ファイル、{rows} 行（{first}〜{last}）、読めなかった行 {rejected} 行",
        "access logs: {files} file(s), {rows} row(s) ({first} to {last}), {rejected} row(s) not read",
    ),
    "report.logs_rejected": ("読めなかった行の例: {examples}", "rows not read, e.g.: {examples}"),
    # expected-value phrases used inside messages
    "expect.string": ("文字列", "a string"),
    "expect.integer": ("整数", "an integer"),
    "expect.boolean": (
        "真偽値（true/false、はい/いいえ、○/×、1/0）",
        "a boolean (true/false, yes/no, ○/×, 1/0)",
    ),
    "expect.array": ("リスト", "a list"),
    "expect.object": ("キーと値の組", "a mapping"),
    "expect.date": (
        "日付（2026-11-27、2026/11/27、2026年11月27日）",
        "a date (2026-11-27, 2026/11/27 or 2026年11月27日)",
    ),
    "expect.date-time": (
        "日時（2026-09-01T06:00 など）",
        "a date and time (such as 2026-09-01T06:00)",
    ),
    "expect.number": ("数値", "a number"),
    "found.list": ("リスト", "a list"),
    "found.mapping": ("キーと値の組", "a mapping"),
    "found.scalar": ("単一の値", "a single value"),
    "found.nothing": ("何も書かれていない", "nothing"),
    # waivers, attestations, baselines, the questionnaire and the starter (issue #8)
    "waiver.waiver_rule": (
        "ルール {value} は例外承認そのものの点検なので、例外承認できません",
        "rule {value} checks the waivers themselves and cannot be waived",
    ),
    "waiver.unwaivable": (
        "ルール {value} は auditctl.yaml の waivers.unwaivable により例外承認できません",
        "rule {value} cannot be waived (waivers.unwaivable in auditctl.yaml)",
    ),
    "waiver.too_long": (
        "有効期限 {expires} は点検基準日 {as_of} から {days} 日後で、auditctl.yaml の "
        "waivers.max_days（{max_days} 日）を超えています",
        "expires {expires} is {days} days after the audit date {as_of}, more than waivers.max_days "
        "({max_days}) in auditctl.yaml allows",
    ),
    "attestation.unknown_item": (
        "自己点検の項目番号 {value} は質問票にありません（{first} 〜 {last}）",
        "questionnaire item {value} does not exist ({first} to {last})",
    ),
    "baseline.unreadable": ("ファイルを読めません: {error}", "cannot read the file: {error}"),
    "baseline.not_json": ("JSON として読めません: {error}", "not valid JSON: {error}"),
    "baseline.not_baseline": (
        "auditctl のベースラインではありません（auditctl baseline が書く JSON ファイルを指定してください）",
        "not an auditctl baseline (give a JSON file written by auditctl baseline)",
    ),
    "baseline.newer": (
        "新しい版の auditctl が書いた形式（version {version}）です。この版が読めるのは version {supported} までです",
        "written by a newer auditctl (version {version}); this one reads up to version {supported}",
    ),
    "baseline.invalid": (
        "ベースラインの形式が正しくありません（{path}: {error}）",
        "the baseline is malformed ({path}: {error})",
    ),
    "cli.baseline": (
        "ベースライン {path} を使えません: {problem}",
        "cannot use the baseline {path}: {problem}",
    ),
    "cli.baseline_output": (
        "--output でベースラインの書き出し先を指定してください",
        "give the baseline file to write with --output",
    ),
    "baseline.written": (
        "ベースライン {path} に指摘 {count} 件を記録しました（点検基準日 {as_of}）",
        "wrote {count} finding(s) to the baseline {path} (audit date {as_of})",
    ),
    "report.baseline": (
        "ベースライン（{as_of}）との比較: 新規 {new}・既知 {baselined}・解消 {fixed}",
        "against the baseline of {as_of}: new {new}, baselined {baselined}, fixed {fixed}",
    ),
    "cli.exists": (
        "{path} は既にあります。上書きするには --force を指定してください",
        "{path} already exists; use --force to overwrite it",
    ),
    "questionnaire.title": ("自己点検票", "Self-inspection questionnaire"),
    "questionnaire.prompt": (
        "はい・いいえ・該当なし から選んでください。該当なしの場合は根拠資料欄に理由を書いてください",
        "Choose yes, no or not_applicable; for not_applicable, say why in the evidence column",
    ),
    "questionnaire.written": (
        "自己点検票 {path} を書き出しました（{count} 項目）。回答欄に記入してバンドルのフォルダに置き、"
        "auditctl check で点検してください",
        "wrote the questionnaire {path} ({count} items); fill in the answers, put it in the bundle "
        "folder and run auditctl check",
    ),
    "init.written": (
        "スターターバンドルを {path} に作成しました（{count} ファイル）。記入例を実際の内容に置き換えてから "
        "auditctl check {path} を実行してください",
        "wrote a starter bundle to {path} ({count} files); replace the examples with your own data, "
        "then run auditctl check {path}",
    ),
}


def tr(code: str, lang: Lang, /, **args: object) -> str:
    """The text for `code` in `lang`, with `args` filled in; unknown codes show themselves."""
    pair = MESSAGES.get(code)
    if pair is None:
        return code if not args else f"{code} {args}"
    template = pair[0] if lang == "ja" else pair[1]
    for key, value in args.items():
        if isinstance(value, str) and value.startswith(("expect.", "found.")) and value in MESSAGES:
            args[key] = tr(value, lang)
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        return template


def lang_from_env() -> Lang:
    """`ja` when LANG (or LC_ALL, LC_MESSAGES) starts with `ja`, else `en`."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"
