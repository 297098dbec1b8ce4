/** summary.md: targets, verdicts, the area x target table, and every problem with its note. */
import type { ReportModel } from './model.js';
import { closingLine } from './model.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(m: ReportModel): string {
  const lines: string[] = [];
  lines.push('# Conformance report', '');
  lines.push(`Generated ${m.generatedAt}; ${m.cases.length} cases; ${(m.durationMs / 1000).toFixed(1)} s.`, '');
  lines.push('## Targets', '', '| target | kind | version | status | passed | failed | skipped |', '|---|---|---|---|---|---|---|');
  for (const t of m.targets) {
    lines.push(
      `| ${t.name} | ${t.kind} | ${t.version ?? ''} | ${t.status}${t.message ? `: ${esc(t.message)}` : ''} | ${t.passed} | ${t.failed} | ${t.skipped} |`,
    );
  }
  lines.push('', '```', ...m.targets.filter((t) => t.status === 'ran').map(closingLine), '```', '');
  lines.push(`Run result: **${m.failed ? 'FAILED' : 'OK'}**${m.strict ? ' (strict: known gaps fail the run)' : ''}`, '');
  lines.push('## Verdicts', '', '| verdict | cases |', '|---|---|');
  for (const [v, n] of Object.entries(m.verdictCounts)) lines.push(`| ${v} | ${n} |`);
  lines.push('');

  const ran = m.targets.filter((t) => t.status === 'ran');
  const areas = [...new Set(m.cases.map((c) => c.area))];
  lines.push('## Areas', '', `| area | cases | ${ran.map((t) => `${t.name} pass/fail/skip`).join(' | ')} |`);
  lines.push(`|---|---|${ran.map(() => '---|').join('')}`);
  for (const area of areas) {
    const cs = m.cases.filter((c) => c.area === area);
    const cells = ran.map((t) => {
      const rs = cs.map((c) => c.results[t.name]).filter(Boolean);
      return `${rs.filter((r) => r.status === 'passed').length}/${rs.filter((r) => r.status === 'failed').length}/${rs.filter((r) => r.status === 'skipped').length}`;
    });
    lines.push(`| ${area}${m.pendingAreas[area] ? ' (pending on fake)' : ''} | ${cs.length} | ${cells.join(' | ')} |`);
  }
  lines.push('');

  const section = (title: string, verdicts: string[]) => {
    const cs = m.cases.filter((c) => verdicts.includes(c.verdict));
    if (cs.length === 0) return;
    lines.push(`## ${title}`, '', '| case | area | note | failures |', '|---|---|---|---|');
    for (const c of cs) {
      const failures = Object.entries(c.results)
        .filter(([, r]) => r.status === 'failed')
        .map(([t, r]) => `${t}: ${r.message ?? ''}`)
        .join('<br>');
      lines.push(`| ${c.name} | ${c.area} | ${esc(c.note)} | ${esc(failures)} |`);
    }
    lines.push('');
  };
  section('Unexpected differences (fail the run)', ['unexpected-difference']);
  section('Wrong cases (fail the run)', ['wrong-case']);
  section('Fake failures without a judge (fail the run)', ['fake-failure']);
  section('Fixed gaps (remove from the list)', ['gap-fixed']);
  section('Real targets disagree', ['targets-disagree']);
  section('Known fake gaps', ['known-gap']);
  section('Deliberate deviations', ['deviation']);

  if (m.deviations.length > 0) {
    lines.push('## Deviations (conformance/deviations.ts)', '', '| case | reason |', '|---|---|');
    for (const d of m.deviations) lines.push(`| ${d.case} | ${esc(d.reason)} |`);
    lines.push('');
  }
  const withDiffs = m.cases.filter((c) => c.differences.length > 0);
  if (withDiffs.length > 0) {
    lines.push('## Differential differences (reported, not failures)', '', '| case | observation | targets | paths |', '|---|---|---|---|');
    for (const c of withDiffs) {
      for (const d of c.differences) {
        const paths = d.entries
          .slice(0, 6)
          .map((e) => e.path || '(root)')
          .join(', ');
        lines.push(`| ${c.name} | ${esc(d.label)} | ${d.a} vs ${d.b} | ${esc(paths)}${d.entries.length > 6 ? ', …' : ''} |`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
