"""One self-contained HTML page for people: summary, two charts and a filterable findings table.
Nothing is fetched: styles, script and charts (inline SVG) are in the page, and its
Content-Security-Policy forbids any network access."""

from __future__ import annotations

from html import escape

from auditctl import __version__
from auditctl.findings import Finding
from auditctl.i18n import Lang, tr
from auditctl.render.common import COLOURS, sev_label, title_of, typ_label, verdict
from auditctl.report import Report
from auditctl.severity import SEVERITIES, TYPOLOGIES

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",
"IPAPGothic",Meiryo,sans-serif;margin:1.5rem auto;max-width:1200px;padding:0 1rem;color:#212121}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.meta{color:#616161;margin:0 0 1rem}.verdict{padding:.6rem 1rem;border-radius:6px;font-weight:600}
.fail{background:#FDECEA;color:#B71C1C}.pass{background:#E8F5E9;color:#1B5E20}
.error{background:#FFF3E0;color:#E65100}
.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0}
.card{border-radius:6px;padding:.5rem 1rem;min-width:6rem;color:#fff}
.card b{display:block;font-size:1.6rem}.charts{display:flex;gap:2rem;flex-wrap:wrap}
.chart{flex:1 1 420px}svg text{font-size:12px;fill:#212121}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #E0E0E0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#F5F5F5;position:sticky;top:0;white-space:nowrap}tr.waived td{color:#9E9E9E}
.rule{white-space:nowrap}
.sev{color:#fff;border-radius:4px;padding:0 .4rem;white-space:nowrap}
.subject{font-family:ui-monospace,Consolas,monospace;font-size:.8rem;word-break:break-all}
.filters{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
.filters input[type=search]{min-width:18rem;padding:.3rem}
details{margin:.5rem 0}code{font-size:.85rem}
"""

SCRIPT = """
(function(){
var q=document.getElementById('q'),sev=document.getElementById('sev'),
typ=document.getElementById('typ'),w=document.getElementById('waived'),
count=document.getElementById('count'),
rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
// A link may carry a filter: report.html#sev=critical&q=C3
var h=new URLSearchParams(location.hash.slice(1));
if(h.has('q')){q.value=h.get('q');}if(h.has('sev')){sev.value=h.get('sev');}
if(h.has('typ')){typ.value=h.get('typ');}if(h.get('waived')==='1'){w.checked=true;}
function apply(){
var text=q.value.toLowerCase(),shown=0;
rows.forEach(function(r){
var ok=(!sev.value||r.getAttribute('data-sev')===sev.value)&&
(!typ.value||r.getAttribute('data-typ')===typ.value)&&
(w.checked||r.getAttribute('data-live')==='1')&&
(!text||r.textContent.toLowerCase().indexOf(text)>=0);
r.hidden=!ok;if(ok){shown++;}});
count.textContent=count.getAttribute('data-template')
.replace('{shown}',shown).replace('{total}',rows.length);}
[q,sev,typ,w].forEach(function(e){e.addEventListener('input',apply);
e.addEventListener('change',apply);});
apply();})();
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def render_html(report: Report) -> str:
    lang = report.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(tr('html.title', lang))}: {e(title_of(report))}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{e(tr('html.title', lang))}: {e(title_of(report))}</h1>",
        f'<p class="meta">{e(tr("html.meta", lang, as_of=report.as_of.isoformat(), bundle=report.bundle, version=__version__))}</p>',
        *_verdict(report),
    ]
    if not report.errors:
        parts += _summary(report)
        parts += _findings(report)
    parts += _inputs(report)
    parts.append(
        f'<p class="meta">{e(tr("html.footer", lang, version=__version__, digest=report.catalog_digest[:16]))}</p>'
    )
    parts.append(f"<script>{SCRIPT}</script>" if not report.errors else "")
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p) + "\n"


def _verdict(report: Report) -> list[str]:
    head, *rest = verdict(report)
    kind = "error" if report.errors else ("fail" if report.exit_code else "pass")
    out = [f'<p class="verdict {kind}" id="verdict">{e(head)}</p>']
    out += [f'<p class="meta">{e(line)}</p>' for line in rest]
    if report.errors:
        out.append(f"<h2>{e(tr('md.errors', report.lang))}</h2><ul>")
        for d in report.errors:
            where = f"<code>{e(d.place)}</code>: " if d.place else ""
            out.append(f"<li>{where}{e(d.message(report.lang))}</li>")
        out.append("</ul>")
    return out


def _summary(report: Report) -> list[str]:
    lang = report.lang
    live = report.counting()
    by_sev = {s: sum(1 for f in live if f.severity.value == s) for s in SEVERITIES}
    cards = "".join(
        f'<div class="card" style="background:#{COLOURS[s]}">{e(sev_label(s, lang))}<b>{by_sev[s]}</b></div>'
        for s in SEVERITIES
    )
    return [
        f"<h2>{e(tr('html.summary', lang))}</h2>",
        f'<div class="cards">{cards}</div>',
        '<div class="charts">',
        f'<div class="chart"><h2>{e(tr("html.by_typology", lang))}</h2>{_typology_chart(report, live)}</div>',
        f'<div class="chart"><h2>{e(tr("html.by_severity", lang))}</h2>{_severity_chart(report, by_sev)}</div>',
        "</div>",
    ]


def _bar_svg(rows: list[tuple[str, list[tuple[str, int]]]], label_width: int, title: str) -> str:
    """Horizontal bars, each made of coloured segments; the count at the end of each bar."""
    height, gap, width = 22, 8, 360
    biggest = max([sum(n for _, n in segs) for _, segs in rows] + [1])
    total_h = len(rows) * (height + gap) + gap
    out = [
        f'<svg role="img" aria-label="{e(title)}" width="{label_width + width + 50}" '
        f'height="{total_h}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, segs) in enumerate(rows):
        y = gap + i * (height + gap)
        out.append(f'<text x="0" y="{y + 15}">{e(label)}</text>')
        x = float(label_width)
        for colour, n in segs:
            if n:
                w = width * n / biggest
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{height}" fill="#{colour}">'
                    f"<title>{n}</title></rect>"
                )
                x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{sum(n for _, n in segs)}</text>')
    out.append("</svg>")
    return "".join(out)


def _typology_chart(report: Report, live: list[Finding]) -> str:
    lang = report.lang
    rows = []
    for typ in TYPOLOGIES:
        segs = [
            (COLOURS[s], sum(1 for f in live if f.typology == typ and f.severity.value == s))
            for s in SEVERITIES
        ]
        if any(n for _, n in segs) or typ in {i.typology for i in report.rules_meta.values()}:
            rows.append((typ_label(typ, lang), segs))
    return _bar_svg(rows, 230, tr("html.by_typology", lang))


def _severity_chart(report: Report, by_sev: dict[str, int]) -> str:
    rows = [(sev_label(s, report.lang), [(COLOURS[s], by_sev[s])]) for s in SEVERITIES]
    return _bar_svg(rows, 80, tr("html.by_severity", report.lang))


def _findings(report: Report) -> list[str]:
    lang = report.lang
    sev_opts = "".join(f'<option value="{s}">{e(sev_label(s, lang))}</option>' for s in SEVERITIES)
    present = [t for t in TYPOLOGIES if any(f.typology == t for f in report.findings)]
    typ_opts = "".join(f'<option value="{t}">{e(typ_label(t, lang))}</option>' for t in present)
    out = [
        f"<h2>{e(tr('html.findings', lang))}</h2>",
        '<div class="filters">',
        f'<input type="search" id="q" placeholder="{e(tr("html.filter", lang))}" aria-label="{e(tr("html.filter", lang))}">',
        f'<select id="sev" aria-label="{e(tr("head.severity", lang))}"><option value="">{e(tr("html.all_severities", lang))}</option>{sev_opts}</select>',
        f'<select id="typ" aria-label="{e(tr("head.typology", lang))}"><option value="">{e(tr("html.all_typologies", lang))}</option>{typ_opts}</select>',
        f'<label><input type="checkbox" id="waived"> {e(tr("html.show_waived", lang))}</label>',
        f'<span id="count" data-template="{e(tr("html.count", lang))}"></span>',
        "</div>",
        '<table id="findings"><thead><tr>',
        *(
            f"<th>{e(tr(code, lang))}</th>"
            for code in (
                "head.severity",
                "head.rule",
                "head.subject",
                "head.message",
                "head.location",
            )
        ),
        "</tr></thead><tbody>",
    ]
    for f in report.findings:
        out.append(_row(f, lang))
    out.append("</tbody></table>")
    return out


def _row(f: Finding, lang: Lang) -> str:
    sev = f.severity.value
    status = ""
    if f.waived:
        status = f" ({e(tr('html.waived', lang))})"
    elif f.baselined:
        status = f" ({e(tr('html.baselined', lang))})"
    places = "<br>".join(e(p) for p in f.locations)
    basis = "".join(f"<li>{e(b)}</li>" for b in f.basis)
    detail = (
        f"<details><summary>{e(f.title)}</summary>"
        f"<p><b>{e(tr('head.remediation', lang))}</b>: {e(f.remediation)}</p>"
        f"<p><b>{e(tr('head.basis', lang))}</b></p><ul>{basis}</ul></details>"
    )
    return (
        f'<tr data-sev="{sev}" data-typ="{e(f.typology)}" data-live="{1 if f.counts else 0}"'
        f"{' class=waived' if not f.counts else ''}>"
        f'<td><span class="sev" style="background:#{COLOURS[sev]}">{e(sev_label(sev, lang))}</span>{status}</td>'
        f'<td class="rule">{e(f.rule)}</td>'
        f'<td class="subject">{e(f.subject)}</td>'
        f"<td>{e(f.message)}{detail}</td>"
        f"<td>{places}</td></tr>"
    )


def _inputs(report: Report) -> list[str]:
    lang = report.lang
    out = [
        f"<h2>{e(tr('html.inputs', lang))}</h2>",
        f"<table><thead><tr><th>{e(tr('html.file', lang))}</th><th>SHA-256</th>"
        f"<th>{e(tr('html.size', lang))}</th></tr></thead><tbody>",
    ]
    out += [
        f'<tr><td>{e(i.path)}</td><td class="subject">{e(i.sha256)}</td><td>{i.size:,}</td></tr>'
        for i in report.inputs
    ]
    out.append("</tbody></table>")
    if report.absent:
        out.append(
            f'<p class="meta">{e(tr("report.absent", lang, names=", ".join(report.absent)))}</p>'
        )
    return out
