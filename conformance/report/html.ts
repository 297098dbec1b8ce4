/**
 * report.html: one self-contained page (inline CSS and a few lines of JS, no external assets).
 * The case x target matrix, then for each problem case: the failing assertions (expected and
 * observed side by side, with their diff), the request, every target's response to the same
 * request side by side, and the diff of the normalised responses; then differential differences.
 */
import { diff } from '../diff.js';
import { normalise } from '../normalise.js';
import type { CaseRun, Exchange } from '../types.js';
import type { ReportCase, ReportModel } from './model.js';
import { closingLine } from './model.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const pretty = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v, null, 2));
const pre = (v: unknown, cls = '') => `<pre class="${cls}">${escapeHtml(pretty(v))}</pre>`;
const anchor = (name: string) => `case-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const VERDICT_CLASS: Record<string, string> = {
  ok: 'ok',
  'unexpected-difference': 'bad',
  'wrong-case': 'bad',
  'fake-failure': 'bad',
  'known-gap': 'warn',
  deviation: 'info',
  'gap-fixed': 'info',
  'targets-disagree': 'warn',
  'not-judged': 'muted',
};

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{margin-top:0}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}.passed{background:#d9f2d9}.failed{background:#f7d4d4}.skipped{background:#eee;color:#777}
.ok{color:#196619}.bad{color:#b00;font-weight:bold}.warn{color:#a65f00;font-weight:bold}.info{color:#2358a6}.muted{color:#888}
pre{background:#f8f8f8;border:1px solid #e3e3e3;padding:6px;max-height:28em;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:0;font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:8px}
.case{border-top:2px solid #ddd;margin-top:1.5em;padding-top:.5em}
.diff-changed{color:#a65f00}.diff-added{color:#196619}.diff-removed{color:#b00}
.strength{font-weight:bold}.area-row th{background:#e8eef8}
#filter{margin:.5em 0}
`;

const SCRIPT = `
document.getElementById('only-problems').addEventListener('change',function(e){
  document.querySelectorAll('tr.case-row').forEach(function(r){r.style.display=e.target.checked&&r.dataset.problem!=='1'?'none':''});
});
`;

function diffTable(a: unknown, b: unknown, labelA: string, labelB: string): string {
  const entries = diff(a, b);
  if (entries.length === 0) return '<p class="ok">no difference</p>';
  const rows = entries
    .slice(0, 60)
    .map(
      (e) =>
        `<tr class="diff-${e.kind}"><td><code>${escapeHtml(e.path || '(root)')}</code></td><td>${e.kind}</td><td>${pre(e.a)}</td><td>${pre(e.b)}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>path</th><th>kind</th><th>${escapeHtml(labelA)}</th><th>${escapeHtml(labelB)}</th></tr>${rows}</table>${
    entries.length > 60 ? `<p>… ${entries.length - 60} more</p>` : ''
  }`;
}

function exchangeRequest(x: Exchange): string {
  return `<div><b>Request</b> <code>${escapeHtml(`${x.method} ${x.path}`)}</code>${pre(x.requestHeaders)}${
    x.requestBody !== undefined ? pre(x.requestBody) : ''
  }</div>`;
}

function exchangeResponse(target: string, x: Exchange | undefined): string {
  if (!x) return `<div><b>${escapeHtml(target)}</b><p class="muted">no such request on this target</p></div>`;
  const events = x.events && x.events.length > 0 ? `<b>events</b>${pre(x.events)}` : '';
  return `<div><b>${escapeHtml(target)}</b>: <code>${escapeHtml(`${x.method} ${x.path}`)}</code> → <b>${x.status ?? x.error ?? '?'}</b>${pre(
    x.responseHeaders ?? {},
  )}${pre(x.responseBody)}${events}</div>`;
}

function caseDetails(c: ReportCase, targets: string[]): string {
  const out: string[] = [];
  out.push(
    `<div class="case" id="${anchor(c.name)}"><h3>${escapeHtml(c.name)} <span class="${VERDICT_CLASS[c.verdict]}">${c.verdict}</span></h3>`,
  );
  out.push(`<p>${escapeHtml(c.description)}${c.spec ? ` <i>(api-semantics.md ${escapeHtml(c.spec)})</i>` : ''}</p>`);
  if (c.note) out.push(`<p><b>${escapeHtml(c.note)}</b></p>`);
  for (const [target, run] of Object.entries(c.results)) {
    if (run.status !== 'failed' && run.softFailures === 0) continue;
    out.push(`<h4>${escapeHtml(target)}: ${run.status}${run.message ? ` — ${escapeHtml(run.message)}` : ''}</h4>`);
    const failing = run.assertions.filter((a) => !a.passed);
    if (failing.length > 0) {
      out.push('<table><tr><th>strength</th><th>assertion</th><th>expected</th><th>observed</th></tr>');
      for (const a of failing) {
        out.push(
          `<tr><td class="strength">${a.strength}</td><td>${escapeHtml(a.label)}</td><td>${pre(a.expected)}</td><td>${pre(a.actual)}</td></tr>`,
        );
        if (a.expected !== null && typeof a.expected === 'object' && a.actual !== null && typeof a.actual === 'object') {
          out.push(`<tr><td></td><td colspan="3">${diffTable(a.expected, a.actual, 'expected', 'observed')}</td></tr>`);
        }
      }
      out.push('</table>');
    }
    const focusId = failing.find((a) => a.strength === 'MUST')?.exchangeId ?? failing[0]?.exchangeId ?? run.exchanges.at(-2)?.id;
    const focus = run.exchanges.find((x) => x.id === focusId);
    if (focus) {
      out.push(exchangeRequest(focus));
      const responses = targets.filter((t) => c.results[t]).map((t) => exchangeResponse(t, sameExchange(c.results[t], focus)));
      out.push(`<div class="grid">${responses.join('')}</div>`);
      const other = targets.find((t) => t !== target && c.results[t]?.status === 'passed');
      if (other) {
        const mine = normalise(focus.responseBody, { tokens: run.tokens });
        const theirs = sameExchange(c.results[other], focus);
        out.push(`<p><b>Diff of normalised responses</b> (${escapeHtml(target)} vs ${escapeHtml(other)}):</p>`);
        out.push(diffTable(mine, normalise(theirs?.responseBody, { tokens: c.results[other].tokens }), target, other));
      }
    }
    out.push(`<details><summary>all ${run.exchanges.length} requests on ${escapeHtml(target)}</summary>`);
    for (const x of run.exchanges)
      out.push(
        `<details><summary>#${x.id} ${escapeHtml(`${x.method} ${x.path}`)} → ${x.status ?? x.error ?? '?'}</summary>${exchangeRequest(x)}${exchangeResponse(target, x)}</details>`,
      );
    out.push('</details>');
  }
  if (c.differences.length > 0) {
    out.push('<h4>Differential differences (normalised; reported, not failures)</h4>');
    for (const d of c.differences) {
      out.push(`<p><b>${escapeHtml(d.label)}</b>: ${escapeHtml(d.a)} vs ${escapeHtml(d.b)}</p>`);
      out.push(
        `<table><tr><th>path</th><th>kind</th><th>${escapeHtml(d.a)}</th><th>${escapeHtml(d.b)}</th></tr>${d.entries
          .map(
            (e) =>
              `<tr class="diff-${e.kind}"><td><code>${escapeHtml(e.path || '(root)')}</code></td><td>${e.kind}</td><td>${pre(e.a)}</td><td>${pre(e.b)}</td></tr>`,
          )
          .join('')}</table>`,
      );
    }
  }
  out.push('</div>');
  return out.join('\n');
}

/** The exchange in `run` that corresponds to `x` on another target: same id, else same method and path shape. */
function sameExchange(run: CaseRun, x: Exchange): Exchange | undefined {
  const byId = run.exchanges.find((e) => e.id === x.id);
  if (byId && byId.method === x.method) return byId;
  return run.exchanges.find(
    (e) => e.method === x.method && normalise(e.path, { tokens: run.tokens }) === normalise(x.path, { tokens: run.tokens }),
  );
}

export function renderHtml(m: ReportModel): string {
  const targets = m.targets.filter((t) => t.status === 'ran').map((t) => t.name);
  const out: string[] = [];
  out.push(
    `<!doctype html><html><head><meta charset="utf-8"><title>kubeharness conformance report</title><style>${STYLE}</style></head><body>`,
  );
  out.push(
    `<h1>kubeharness conformance report</h1><p>Generated ${escapeHtml(m.generatedAt)} · ${m.cases.length} cases · ${(m.durationMs / 1000).toFixed(1)} s · run <b class="${m.failed ? 'bad' : 'ok'}">${m.failed ? 'FAILED' : 'OK'}</b></p>`,
  );
  out.push('<table><tr><th>target</th><th>kind</th><th>version</th><th>status</th><th>result</th></tr>');
  for (const t of m.targets) {
    out.push(
      `<tr><td>${escapeHtml(t.name)}</td><td>${t.kind}</td><td>${escapeHtml(t.version ?? '')}</td><td>${t.status}${t.message ? `: ${escapeHtml(t.message)}` : ''}</td><td><code>${escapeHtml(closingLine(t))}</code>, ${t.skipped} skipped</td></tr>`,
    );
  }
  out.push('</table>');
  out.push(
    `<p>${Object.entries(m.verdictCounts)
      .map(([v, n]) => `<span class="${VERDICT_CLASS[v]}">${v}: ${n}</span>`)
      .join(' · ')}</p>`,
  );

  out.push('<h2>Matrix</h2><label id="filter"><input type="checkbox" id="only-problems"> only cases with failures or differences</label>');
  out.push(`<table><tr><th>case</th>${targets.map((t) => `<th>${escapeHtml(t)}</th>`).join('')}<th>verdict</th><th>diffs</th></tr>`);
  const areas = [...new Set(m.cases.map((c) => c.area))];
  for (const area of areas) {
    out.push(
      `<tr class="area-row"><th colspan="${targets.length + 3}">${escapeHtml(area)}${m.pendingAreas[area] ? ` — pending on the fake: ${escapeHtml(m.pendingAreas[area])}` : ''}</th></tr>`,
    );
    for (const c of m.cases.filter((x) => x.area === area)) {
      const problem = c.verdict !== 'ok' || c.differences.length > 0 || Object.values(c.results).some((r) => r.status === 'failed');
      const cells = targets
        .map((t) => {
          const r = c.results[t];
          return r
            ? `<td class="${r.status}" title="${escapeHtml(r.message ?? '')}">${r.status}${r.softFailures ? ` (${r.softFailures} soft)` : ''}</td>`
            : '<td></td>';
        })
        .join('');
      const name = problem ? `<a href="#${anchor(c.name)}">${escapeHtml(c.name)}</a>` : escapeHtml(c.name);
      out.push(
        `<tr class="case-row" data-problem="${problem ? 1 : 0}"><td title="${escapeHtml(c.description)}">${name}</td>${cells}<td class="${VERDICT_CLASS[c.verdict]}">${c.verdict}</td><td>${c.differences.length || ''}</td></tr>`,
      );
    }
  }
  out.push('</table>');

  if (m.deviations.length > 0 || m.knownGaps.length > 0) {
    out.push(
      '<h2>Listed deviations and known fake gaps</h2><table><tr><th>case</th><th>kind</th><th>reason / expected vs observed</th></tr>',
    );
    for (const d of m.deviations) out.push(`<tr><td>${escapeHtml(d.case)}</td><td>deviation</td><td>${escapeHtml(d.reason)}</td></tr>`);
    for (const g of m.knownGaps)
      out.push(
        `<tr><td>${escapeHtml(g.case)}</td><td>known gap</td><td>expected: ${escapeHtml(g.expected)}<br>observed: ${escapeHtml(g.observed)}</td></tr>`,
      );
    out.push('</table>');
  }

  out.push('<h2>Details</h2>');
  for (const c of m.cases) {
    const problem = c.differences.length > 0 || Object.values(c.results).some((r) => r.status === 'failed' || r.softFailures > 0);
    if (problem) out.push(caseDetails(c, targets));
  }
  out.push(`<script>${SCRIPT}</script></body></html>`);
  return out.join('\n');
}
