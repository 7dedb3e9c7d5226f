"""The style sheet and script every HTML page carries inline (the pages work offline, alone)."""
from __future__ import annotations

from ..schema import LABELS
from .styles import LABEL_COLOURS, LABEL_LINES, LABEL_TINTS

_CSS = """
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
a{color:#0a58ca}
header.bar{position:sticky;top:0;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:.5em 1.2em;z-index:2;display:flex;flex-wrap:wrap;gap:.4em 1.6em;align-items:center}
header.bar .brand{font-weight:600}
header.bar label{white-space:nowrap;cursor:pointer}
header.bar fieldset{border:0;margin:0;padding:0;display:flex;gap:.2em 1em;flex-wrap:wrap;align-items:center}
header.bar legend{float:left;margin-right:.5em;color:#57606a;font-size:.9em}
.swatch{display:inline-block;width:1.6em;height:.95em;vertical-align:-2px;margin-right:.35em;border-radius:2px}
.layout{display:grid;grid-template-columns:minmax(14em,19em) minmax(0,1fr);gap:2em;max-width:84em;margin:0 auto;padding:1em 1.2em 4em}
nav.toc{position:sticky;top:4.2em;align-self:start;max-height:calc(100vh - 5em);overflow-y:auto;overflow-x:hidden;font-size:.88em}
nav.toc select{max-width:100%}
nav.toc ol{list-style:none;margin:.3em 0;padding:0}
nav.toc li{margin:.15em 0;padding-left:calc(var(--depth,0) * .9em)}
nav.toc .counts{white-space:nowrap}
.c{display:inline-block;min-width:1.7em;text-align:center;font-size:.8em;border-radius:3px;margin-left:.15em;padding:0 .2em;font-variant-numeric:tabular-nums}
.ev{font-size:.8em;color:#57606a;white-space:nowrap}
.ev.none{color:#8a1c00;font-weight:600}
article.report{min-width:0}
article.report>h1{font-size:1.35em;margin:.2em 0}
.meta{color:#57606a;font-size:.92em;margin:.2em 0 1em}
.fullview h2,.fullview h3,.fullview h4,.fullview h5,.fullview h6{margin:1.2em 0 .4em;line-height:1.3}
.fullview h2{font-size:1.2em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
.fullview h3{font-size:1.08em}.fullview h4,.fullview h5,.fullview h6{font-size:1em}
.furniture{color:#6e7781;font-size:.9em;white-space:pre-line}
li.furniture{white-space:normal}
.table{overflow-x:auto;margin:.6em 0}
table{border-collapse:collapse;font-size:.88em}
td,th{border:1px solid #d0d7de;padding:.2em .5em;vertical-align:top;text-align:left}
th{background:#f6f8fa}
pre.source{white-space:pre-wrap;font:inherit;margin:0}
mark{background:none;color:inherit;padding:0 1px;border-radius:2px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.off{background:none!important;border-bottom-color:transparent!important}
div.sec,mark{scroll-margin-top:5.5em}
mark:target,li.item:target{outline:3px solid #1f2328;outline-offset:2px}
mark[data-beside=no]:not(.off)::after{content:"\\25C7";font-size:.7em;vertical-align:super;color:#57606a}
.listview{display:none}
body.view-list .listview{display:grid;grid-template-columns:repeat(auto-fit,minmax(22em,1fr));gap:0 2em}
body.view-list .fullview{display:none}
.listview h2{font-size:1.1em;margin:.8em 0 .3em}
.listview h3{font-size:.95em;margin:.9em 0 .2em;color:#57606a}
.listview ul{margin:0;padding-left:1.1em}
li.item{margin:.25em 0;padding-left:.35em;list-style:none}
li.item a.ctx{font-size:.85em;margin-left:.3em;white-space:nowrap}
.noev{font-size:.8em;color:#8a1c00;margin-left:.3em;white-space:nowrap}
.hidden-count{color:#57606a;font-size:.85em}
table.index td.num{text-align:right;font-variant-numeric:tabular-nums}
.stack{display:flex;width:12em;height:.9em;border:1px solid #8c959f}
.stack span{display:block;height:100%}
main.index{max-width:70em;margin:0 auto;padding:1em 1.2em 4em}
[hidden]{display:none!important}
@media (max-width:52em){.layout{grid-template-columns:1fr}nav.toc{position:static;max-height:none}}
@media print{
  header.bar,.secfilter,a.ctx{display:none!important}
  .layout{display:block;max-width:none}
  nav.toc{position:static;max-height:none;overflow:visible}
  body{font-size:11pt}
}
"""

_JS = """
(function(){
  var labels = {}, minConf = 0, secFilter = {};
  document.querySelectorAll('input[data-label]').forEach(function(b){ labels[b.dataset.label] = b.checked; });
  function shown(el){ return labels[el.dataset.label] && (+el.dataset.p * 100 >= minConf - 1e-9); }
  function inSection(el, rep){ var s = secFilter[rep] || ''; return s === '' || (' ' + el.dataset.secs + ' ').indexOf(' ' + s + ' ') >= 0; }
  function apply(){
    document.querySelectorAll('article.report').forEach(function(a){
      var rep = a.dataset.report, total = 0, on = 0;
      a.querySelectorAll('mark[data-label]').forEach(function(m){
        var ok = shown(m); m.classList.toggle('off', !ok);
        if (inSection(m, rep)) { total++; if (ok) on++; }
      });
      a.querySelectorAll('.fullview .sec').forEach(function(d){ d.hidden = !inSection(d, rep); });
      a.querySelectorAll('li.item').forEach(function(li){ li.hidden = !(shown(li) && inSection(li, rep)); });
      a.querySelectorAll('.listview .group').forEach(function(g){ g.hidden = !g.querySelector('li.item:not([hidden])'); });
      a.querySelectorAll('.listview .none').forEach(function(p){ p.hidden = !!p.parentNode.querySelector('li.item:not([hidden])'); });
      var c = a.querySelector('.hidden-count');
      if (c) c.textContent = on + ' of ' + total + ' sentences highlighted';
    });
  }
  function setView(v){
    document.body.classList.toggle('view-list', v === 'list');
    document.querySelectorAll('input[name=view]').forEach(function(r){ r.checked = r.value === v; });
  }
  document.querySelectorAll('input[data-label]').forEach(function(b){
    b.addEventListener('change', function(){ labels[b.dataset.label] = b.checked; apply(); });
  });
  var conf = document.getElementById('min-confidence');
  if (conf) conf.addEventListener('input', function(){
    minConf = +conf.value; document.getElementById('min-confidence-value').textContent = conf.value + '%'; apply();
  });
  document.querySelectorAll('select.secfilter').forEach(function(s){
    s.addEventListener('change', function(){ secFilter[s.dataset.report] = s.value; apply(); });
  });
  document.querySelectorAll('input[name=view]').forEach(function(r){
    r.addEventListener('change', function(){ if (r.checked) setView(r.value); });
  });
  // A link to a sentence or a section shows the full text first, and the section if it is filtered out.
  document.addEventListener('click', function(e){
    var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    if (!a) return;
    var target = document.getElementById(a.getAttribute('href').slice(1));
    if (!target) return;
    var art = target.closest('article.report');
    if (art && target.closest('.fullview')) {
      var rep = art.dataset.report, sec = target.closest('.sec');
      if (sec && sec.hidden) { secFilter[rep] = ''; var s = art.querySelector('select.secfilter'); if (s) s.value = ''; }
      setView('full'); apply();
    }
    e.preventDefault();
    target.scrollIntoView({block: target.tagName === 'MARK' ? 'center' : 'start'});
    if (history.replaceState) history.replaceState(null, '', '#' + target.id);
  });
  apply();
})();
"""


def label_css() -> str:
    rules = []
    for lab in LABELS:
        col, tint, line = LABEL_COLOURS[lab], LABEL_TINTS[lab], LABEL_LINES[lab]
        width = {"double": "4px", "dotted": "2px"}.get(line, "3px")
        rules.append(f"mark.{lab}{{background:{tint};border-bottom:{width} {line} {col}}}")
        rules.append(f".swatch.{lab}{{background:{tint};border:1px solid {col};border-bottom:{width} {line} {col}}}")
        rules.append(f".c.{lab}{{background:{tint};border:1px solid {col};border-bottom:{width} {line} {col}}}")
        rules.append(f"li.item.{lab}{{border-left:4px {line if line != 'double' else 'double'} {col}}}")
        rules.append(f".stack span.{lab}{{background:{_stack_fill(lab)}}}")
    return "\n".join(rules)


def _stack_fill(lab: str) -> str:
    col = LABEL_COLOURS[lab]
    if lab == "area_for_improvement":  # hatched, so that the bar reads in grey print
        return f"repeating-linear-gradient(45deg,{col} 0 3px,#fff 3px 5px)"
    if lab == "evidence":
        return f"radial-gradient({col} 1px,#fff 1.2px) 0 0/4px 4px"
    return col


def style() -> str:
    return "<style>" + _CSS + label_css() + "</style>"


def script() -> str:
    return "<script>" + _JS + "</script>"
