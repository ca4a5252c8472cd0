"""The stylesheet and script inlined into the HTML report (see ``html.py``). No external assets."""

CSS = r"""
:root {
  --sans: system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  --serif: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Sans CJK SC",
    serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
  --err: #cf222e; --warn: #bf8700; --info: #0969da;
  --err-bg: rgba(207, 34, 46, .14); --warn-bg: rgba(212, 167, 44, .22);
  --info-bg: rgba(9, 105, 218, .12);
  --line: #d0d7de; --muted: #656d76; --bg: #f6f8fa;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: grid; grid-template-rows: auto minmax(0, 1fr); font: 14px/1.6 var(--sans);
  color: #1f2328; background: var(--bg); }
header { display: flex; align-items: baseline; gap: 1.2em; padding: .5em 1em;
  background: #24292f; color: #fff; }
header h1 { font-size: 1.15em; margin: 0; white-space: nowrap; }
header p { margin: 0; color: #d0d7de; flex: 1; }
header button { background: #424a53; color: #fff; border: 0; border-radius: 4px;
  padding: .25em .8em; font: inherit; cursor: pointer; }
main { display: grid; min-height: 0;
  grid-template-columns: minmax(240px, 320px) minmax(0, 1fr) minmax(260px, 360px); }
#side, #info { overflow: auto; padding: .6em .8em; background: #fff; min-height: 0; }
#side { border-right: 1px solid var(--line); }
#info { border-left: 1px solid var(--line); }
#docwrap { display: grid; grid-template-rows: auto minmax(0, 1fr); min-height: 0; min-width: 0; }
#doc-title { padding: .35em 1em; font-weight: 600; border-bottom: 1px solid var(--line);
  background: #fff; overflow-wrap: anywhere; }
#doc { overflow: auto; padding: .8em 1em 40vh 0; font: 16px/1.9 var(--serif); background: #fff;
  margin: .6em; border: 1px solid var(--line); border-radius: 6px; outline: none; }
.chunk { content-visibility: auto; }
.ln { position: relative; padding-left: calc(var(--gw, 4ch) + 1.2em); min-height: 1.9em;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.ln::before { content: attr(data-n); position: absolute; left: 0; width: var(--gw, 4ch);
  text-align: right; color: #8c959f; font: 12px/2.5 var(--mono); user-select: none; }
.ln.flash { background: #fff8c5; }
mark { color: inherit; background: none; border-radius: 2px; cursor: pointer; }
mark.s3 { background: var(--err-bg); border-bottom: 2px solid var(--err); }
mark.s2 { background: var(--warn-bg); border-bottom: 2px solid var(--warn); }
mark.s1 { background: var(--info-bg); border-bottom: 2px dotted var(--info); }
mark.multi { box-shadow: inset 0 -1.1em 0 rgba(0, 0, 0, .05); }
mark.pt { display: inline-block; width: 3px; height: 1.2em; vertical-align: -.2em; border: 0;
  margin: 0 1px; }
mark.pt.s3 { background: var(--err); } mark.pt.s2 { background: var(--warn); }
mark.pt.s1 { background: var(--info); }
mark.cur { outline: 2px solid #1f2328; outline-offset: 1px; }
h2 { font-size: .95em; margin: 1em 0 .4em; color: var(--muted); text-transform: uppercase;
  letter-spacing: .03em; }
h2:first-child { margin-top: .2em; }
.chips { display: flex; flex-wrap: wrap; gap: .3em; }
.chips label, .rules label { display: inline-flex; align-items: center; gap: .25em; cursor: pointer;
  border: 1px solid var(--line); border-radius: 999px; padding: 0 .6em; font-size: .9em;
  background: var(--bg); }
.rules { display: grid; gap: .2em; }
.rules label { border-radius: 4px; }
.rules .cnt, .chips .cnt { color: var(--muted); margin-left: auto; padding-left: .4em; }
.actions { font-size: .85em; margin-left: .5em; }
.actions a { color: var(--info); cursor: pointer; margin-right: .4em; }
ul.list { list-style: none; margin: 0; padding: 0; }
ul.list li { padding: .25em .4em; border-left: 3px solid transparent; cursor: pointer;
  border-radius: 3px; overflow-wrap: anywhere; }
ul.list li:hover { background: var(--bg); }
ul.list li.cur { background: #ddf4ff; }
#findings li.s3 { border-left-color: var(--err); }
#findings li.s2 { border-left-color: var(--warn); }
#findings li.s1 { border-left-color: var(--info); }
#files li .cnt { float: right; color: var(--muted); }
#files { max-height: 30vh; overflow: auto; }
.loc { font: 12px var(--mono); color: var(--muted); margin-right: .4em; }
.code { font: 600 12px var(--mono); margin-right: .4em; }
.sev { display: inline-block; border-radius: 3px; padding: 0 .4em; font-size: .8em; color: #fff; }
.sev.error { background: var(--err); } .sev.warning { background: var(--warn); }
.sev.info { background: var(--info); }
.muted { color: var(--muted); }
.detail { border: 1px solid var(--line); border-radius: 6px; padding: .6em .8em;
  margin-bottom: 1em; }
.detail .msg { font-size: 1.05em; margin: .3em 0; }
pre.ex { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.7 var(--serif);
  padding: .4em .6em; margin: .3em 0; border-radius: 4px; background: var(--bg); }
pre.ex.bad { border-left: 3px solid var(--err); } pre.ex.good { border-left: 3px solid #1a7f37; }
.edit del { background: var(--err-bg); } .edit ins { background: rgba(26, 127, 55, .15);
  text-decoration: none; }
.bars { display: grid; grid-template-columns: auto 1fr auto; gap: .25em .5em; align-items: center; }
.bars .bar { height: .9em; border-radius: 2px; min-width: 2px; }
.bars .bar.s3 { background: var(--err); } .bars .bar.s2 { background: var(--warn); }
.bars .bar.s1 { background: var(--info); }
.bars a { cursor: pointer; font: 12px var(--mono); color: inherit; white-space: nowrap; }
.bars a.off { opacity: .35; }
details.rule { border-top: 1px solid var(--line); padding: .3em 0; }
details.rule summary { cursor: pointer; }
.empty { color: var(--muted); padding: 1em; }
@media (max-width: 900px) {
  body { display: block; } main { display: block; }
  #doc { max-height: 80vh; }
}
"""

JS = r"""
(() => {
"use strict";
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s).replace(/[&<>"]/g,
  (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
const META = JSON.parse($("#wl-meta").textContent);
const L = META.labels;
const RANK = {info: 1, warning: 2, error: 3};
const SEVS = ["error", "warning", "info"];
const fmt = (s, o) => s.replace(/\{(\w+)\}/g, (_, k) => o[k]);
const fam = (code) => code.replace(/\d+$/, "");

// data: one entry per linted file; a file may come twice (cross-file findings come last)
const files = [];
const byPath = new Map();
for (const el of document.querySelectorAll("script.wl-file")) {
  const f = JSON.parse(el.textContent);
  let file = byPath.get(f.path);
  if (!file) {
    file = {path: f.path, t: f.t, diags: []};
    byPath.set(f.path, file);
    files.push(file);
  }
  if (file.t === null) file.t = f.t;
  for (const d of f.d) { d.file = file; file.diags.push(d); }
}
const all = [];
for (const f of files) {
  f.diags.sort((a, b) => a.s - b.s || a.e - b.e || (a.k < b.k ? -1 : 1));
  for (const d of f.diags) { d.id = all.length; all.push(d); }
}
const codes = [...new Set(all.map((d) => d.k))].sort();
const fams = [...new Set(codes.map(fam))].sort();
const state = {sev: new Set(SEVS), fam: new Set(fams), rule: new Set(codes)};
let curFile = files.find((f) => f.diags.length) || files[0] || null;
let cur = -1;
let order = [];
const visible = (d) => state.sev.has(d.v) && state.fam.has(fam(d.k)) && state.rule.has(d.k);

const texts = new Map();
function getText(f) {
  if (!texts.has(f.t)) {
    if (texts.size > 4) texts.delete(texts.keys().next().value);
    texts.set(f.t, JSON.parse(document.getElementById("wl-t" + f.t).textContent));
  }
  return texts.get(f.t);
}

// ---- header
const cnt = {error: 0, warning: 0, info: 0};
for (const d of all) cnt[d.v]++;
$("#summary").textContent = fmt(L.summary, {files: META.files, total: all.length, ...cnt});
$("#btn-overview").textContent = L.overview;
$("#btn-overview").onclick = () => select(-1);

// ---- side: filters, files, findings
function chip(kind, value, label, n) {
  return `<label><input type="checkbox" data-kind="${kind}" value="${esc(value)}" checked>` +
    `${label}<span class="cnt">${n}</span></label>`;
}
function buildSide() {
  const by = (key) => { const m = {}; for (const d of all) m[key(d)] = (m[key(d)] || 0) + 1;
    return m; };
  const bySev = by((d) => d.v), byFam = by((d) => fam(d.k)), byRule = by((d) => d.k);
  const act = (kind) => `<span class="actions"><a data-all="${kind}">${L.all}</a>` +
    `<a data-none="${kind}">${L.none}</a></span>`;
  let h = `<h2>${L.severity}</h2><div class="chips" id="f-sev">`;
  for (const s of SEVS) {
    if (bySev[s]) h += chip("sev", s, `<span class="sev ${s}">${L[s]}</span>`, bySev[s]);
  }
  h += `</div><h2>${L.family}${act("fam")}</h2><div class="chips" id="f-fam">`;
  for (const f of fams) h += chip("fam", f, `${esc(f)} ${esc(META.families[f] || "")}`, byFam[f]);
  h += `</div><h2>${L.rules}${act("rule")}</h2><div class="rules" id="f-rule">`;
  for (const c of codes) {
    const r = META.rules[c] || {};
    h += chip("rule", c, `<span class="code">${esc(c)}</span>${esc(r.name || "")}`, byRule[c]);
  }
  h += `</div>`;
  if (files.length > 1) h += `<h2>${L.files}</h2><ul class="list" id="files"></ul>`;
  h += `<h2>${L.findings} <span class="muted" id="shown"></span></h2>` +
    `<ul class="list" id="findings"></ul>`;
  if (META.errors.length) {
    h += `<h2>${L.file_errors}</h2><ul class="list">` +
      META.errors.map((e) => `<li>${esc(e)}</li>`).join("") + `</ul>`;
  }
  h += `<p class="muted">${L.keys}</p>`;
  $("#side").innerHTML = h;
  $("#side").addEventListener("change", (ev) => {
    const t = ev.target;
    if (!t.dataset.kind) return;
    const set = state[t.dataset.kind];
    if (t.checked) set.add(t.value); else set.delete(t.value);
    update();
  });
  $("#side").addEventListener("click", (ev) => {
    const t = ev.target.closest("[data-all],[data-none],li[data-id],li[data-file]");
    if (!t) return;
    if (t.dataset.all || t.dataset.none) {
      const kind = t.dataset.all || t.dataset.none;
      setAll(kind, kind === "fam" ? fams : codes, !!t.dataset.all);
    } else if (t.dataset.id) select(+t.dataset.id);
    else openFile(files[+t.dataset.file]);
  });
}
function setAll(kind, values, on) {
  state[kind] = new Set(on ? values : []);
  for (const i of document.querySelectorAll(`input[data-kind="${kind}"]`)) i.checked = on;
  update();
}
function syncChecks() {
  for (const i of document.querySelectorAll("input[data-kind]")) {
    i.checked = state[i.dataset.kind].has(i.value);
  }
}
function renderFiles() {
  const ul = $("#files");
  if (!ul) return;
  ul.innerHTML = files.map((f, i) => {
    const n = f.diags.filter(visible).length;
    return `<li data-file="${i}"${f === curFile ? ' class="cur"' : ""}>${esc(f.path)}` +
      `<span class="cnt">${n}</span></li>`;
  }).join("");
}
function renderList() {
  const ds = curFile ? curFile.diags.filter(visible) : [];
  order = all.filter(visible);
  $("#shown").textContent = fmt(L.shown, {shown: order.length, total: all.length});
  $("#findings").innerHTML = ds.length ? ds.map((d) =>
    `<li data-id="${d.id}" class="s${RANK[d.v]}${d.id === cur ? " cur" : ""}">` +
    `<span class="loc">${d.l}:${d.c}</span><span class="code">${esc(d.k)}</span>${esc(d.m)}</li>`
  ).join("") : `<li class="muted">${L.no_findings}</li>`;
}

// ---- the document: one element per line, in chunks skipped while off screen
const CHUNK = 200;
function renderDoc() {
  const pane = $("#doc");
  if (!curFile) {
    $("#doc-title").textContent = "";
    pane.innerHTML = `<p class="empty">${L.no_file}</p>`;
    return;
  }
  $("#doc-title").textContent = curFile.path;
  if (curFile.t === null) { pane.innerHTML = `<p class="empty">${L.clean}</p>`; return; }
  const text = getText(curFile);
  const ev = new Map();
  const at = (p) => {
    let e = ev.get(p);
    if (!e) { e = {s: [], e: [], z: []}; ev.set(p, e); }
    return e;
  };
  for (const d of curFile.diags) {
    if (!visible(d)) continue;
    if (d.e > d.s && /[^\r\n]/.test(text.slice(d.s, Math.min(d.e, d.s + 4096)))) {
      at(d.s).s.push(d); at(d.e).e.push(d);
    } else at(d.s).z.push(d);
  }
  const pts = [...ev.keys()].sort((a, b) => a - b);
  const out = [];
  const active = [];
  let pi = 0, n = 0;
  const cls = (ds) => {
    let r = 0;
    for (const d of ds) r = Math.max(r, RANK[d.v]);
    return "s" + r;
  };
  const seg = (a, b) => {
    if (b <= a) return;
    const t = esc(text.slice(a, b));
    if (!active.length) { out.push(t); return; }
    out.push(`<mark class="m ${cls(active)}${active.length > 1 ? " multi" : ""}" data-f="` +
      `${active.map((d) => d.id).join(" ")}">${t}</mark>`);
  };
  const line = (a, b) => {
    n++;
    if (n % CHUNK === 1) {
      out.push(`<div class="chunk" style="contain-intrinsic-size:auto ${CHUNK * 30}px">`);
    }
    out.push(`<div class="ln" data-n="${n}">`);
    let pos = a;
    while (pi < pts.length && pts[pi] <= b) {
      const p = pts[pi++];
      if (p > pos) { seg(pos, p); pos = p; }
      const e = ev.get(p);
      for (const d of e.e) active.splice(active.indexOf(d), 1);
      for (const d of e.z) out.push(`<mark class="pt ${cls([d])}" data-f="${d.id}"></mark>`);
      for (const d of e.s) active.push(d);
    }
    seg(pos, b);
    out.push("</div>");
    if (n % CHUNK === 0) out.push("</div>");
  };
  const re = /\r\n|\r|\n/g;
  let start = 0, m;
  while ((m = re.exec(text)) !== null) { line(start, m.index); start = m.index + m[0].length; }
  line(start, text.length);
  if (n % CHUNK !== 0) out.push("</div>");
  pane.style.setProperty("--gw", (String(n).length + 1) + "ch");
  pane.innerHTML = out.join("");
  pane.scrollTop = 0;
}
$("#doc").addEventListener("click", (ev) => {
  const m = ev.target.closest("mark[data-f]");
  if (!m) return;
  const ids = m.dataset.f.split(" ").map(Number);
  const i = ids.indexOf(cur);
  select(ids[(i + 1) % ids.length], false);
});

// ---- selection, details, overview
function openFile(f) {
  if (f === curFile) return;
  curFile = f;
  cur = -1;
  renderFiles(); renderList(); renderDoc(); showOverview();
}
function select(id, scroll = true) {
  for (const el of document.querySelectorAll(".cur")) {
    if (el.tagName !== "LI" || el.dataset.id) el.classList.remove("cur");
  }
  if (id < 0) { cur = -1; showOverview(); history.replaceState(null, "", "#"); return; }
  const d = all[id];
  if (d.file !== curFile) { curFile = d.file; renderFiles(); renderDoc(); }
  cur = id;
  renderList();
  const marks = document.querySelectorAll(`#doc [data-f~="${id}"]`);
  for (const el of marks) el.classList.add("cur");
  if (scroll && marks.length) marks[0].scrollIntoView({block: "center", inline: "nearest"});
  const li = document.querySelector(`#findings li[data-id="${id}"]`);
  if (li) li.scrollIntoView({block: "nearest"});
  showDetail(d);
  history.replaceState(null, "", "#f" + id);
}
function goLine(path, l, el) {
  const f = path ? byPath.get(path) : curFile;
  if (!f) return;
  if (f !== curFile) { curFile = f; renderFiles(); renderList(); renderDoc(); }
  for (const x of document.querySelectorAll(".ln.flash")) x.classList.remove("flash");
  let first = null;
  for (let i = l; i <= Math.max(l, Math.min(el, l + 200)); i++) {
    const x = document.querySelector(`#doc .ln[data-n="${i}"]`);
    if (x) { x.classList.add("flash"); first = first || x; }
  }
  if (first) first.scrollIntoView({block: "center"});
}
function ruleHtml(code, open) {
  const r = META.rules[code] || {name: "", bad: [], good: []};
  let h = `<details class="rule"${open ? " open" : ""}><summary>` +
    `<span class="code">${esc(code)}</span>${esc(r.name)}</summary>`;
  if (r.severity) {
    const std = r.standard ? ` · ${L.standard}${L.sep}${esc(r.standard)}` : "";
    h += `<p class="muted">${L.default}${L.sep}<span class="sev ${r.severity}">` +
      `${L[r.severity]}</span> · ${esc(L.fixable[r.fix] || "")}${std}</p>`;
  }
  if (r.summary) h += `<p>${esc(r.summary)}</p>`;
  if (r.rationale) h += `<h2>${L.why}</h2><p>${esc(r.rationale)}</p>`;
  const ex = (k, xs) => xs.map((x) => `<pre class="ex ${k}">${esc(x)}</pre>`).join("");
  if (r.bad.length) h += `<h2>${L.bad}</h2>` + ex("bad", r.bad);
  if (r.good.length) h += `<h2>${L.good}</h2>` + ex("good", r.good);
  if (r.fix_safety) h += `<h2>${L.fix}</h2><p>${esc(r.fix_safety)}</p>`;
  return h + `</details>`;
}
function showDetail(d) {
  let h = `<div class="detail" id="detail"><div><span class="sev ${d.v}">${L[d.v]}</span> ` +
    `<span class="code">${esc(d.k)}</span>${esc(d.n)}</div>` +
    `<p class="msg">${esc(d.m)}</p><p class="loc">${esc(d.file.path)}:${d.l}:${d.c}</p>`;
  if (d.h) {
    const lab = d.x ? L.fix : L.help;
    h += `<p><b>${lab}</b>${L.sep}${esc(d.h)}</p>`;
  }
  if (d.f && d.f.length) {
    h += d.f.map(([a, b]) =>
      `<p class="edit"><del>${esc(a)}</del> → ${b ? `<ins>${esc(b)}</ins>` : L.deleted}</p>`
    ).join("");
    h += `<p class="muted">${d.x === "safe" ? L.safe : L.unsafe}</p>`;
  }
  if (d.r && d.r.length) {
    h += `<h2>${L.related}</h2><ul class="list" id="related">` + d.r.map((r, i) =>
      `<li data-rel="${i}">${esc(r.n)}${L.sep}${esc(r.p || d.file.path)}:${r.l}:${r.c}</li>`
    ).join("") + `</ul>`;
  }
  h += `</div><h2>${L.explain}</h2>` + ruleHtml(d.k, true);
  const info = $("#info");
  info.innerHTML = h;
  info.scrollTop = 0;
  const rel = $("#related");
  if (rel) rel.onclick = (ev) => {
    const li = ev.target.closest("li[data-rel]");
    if (li) { const r = d.r[+li.dataset.rel]; goLine(r.p, r.l, r.el); }
  };
}
function showOverview() {
  const by = {};
  for (const d of all) by[d.k] = (by[d.k] || 0) + 1;
  const rows = Object.entries(by).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const max = rows.length ? rows[0][1] : 1;
  let h = `<h2>${L.by_rule}</h2><div class="bars" id="chart">`;
  for (const [c, n] of rows) {
    const r = META.rules[c] || {};
    const sev = all.find((d) => d.k === c).v;
    const off = state.rule.has(c) ? "" : ' class="off"';
    const w = (100 * n / max).toFixed(1);
    h += `<a data-rule="${esc(c)}" title="${esc(r.name || "")}"${off}>` +
      `${esc(c)} ${esc(r.name || "")}</a>` +
      `<div class="bar s${RANK[sev]}" style="width:${w}%"></div><span>${n}</span>`;
  }
  h += `</div><h2>${L.explain}</h2>` + codes.map((c) => ruleHtml(c, false)).join("");
  $("#info").innerHTML = h;
  $("#chart").onclick = (ev) => {
    const a = ev.target.closest("a[data-rule]");
    if (!a) return;
    const c = a.dataset.rule;
    const only = state.rule.size === 1 && state.rule.has(c);
    state.rule = new Set(only ? codes : [c]);
    syncChecks();
    update();
  };
}
function update() {
  if (cur >= 0 && !visible(all[cur])) cur = -1;
  renderFiles(); renderList(); renderDoc();
  if (cur >= 0) select(cur); else showOverview();
}
document.addEventListener("keydown", (ev) => {
  if (ev.target.tagName === "INPUT" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === "Escape") { select(-1); return; }
  const step = ev.key === "j" || ev.key === "n" ? 1 : ev.key === "k" || ev.key === "p" ? -1 : 0;
  if (!step || !order.length) return;
  let i = order.findIndex((d) => d.id === cur);
  i = i < 0 ? (step > 0 ? 0 : order.length - 1) : (i + step + order.length) % order.length;
  select(order[i].id);
});

buildSide();
renderFiles(); renderList(); renderDoc(); showOverview();
const h = /^#f(\d+)$/.exec(location.hash);
if (h && all[+h[1]]) select(+h[1]);
document.body.dataset.ready = "1";
})();
"""
