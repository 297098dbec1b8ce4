/** Writes report.json, summary.md and report.html into a directory (created if missing). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ReportModel } from './model.js';

export const DEFAULT_REPORT_DIR = 'conformance-report';

export async function writeReport(model: ReportModel, dir = DEFAULT_REPORT_DIR): Promise<{ json: string; markdown: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, 'report.json'), markdown: join(dir, 'summary.md'), html: join(dir, 'report.html') };
  await writeFile(paths.json, `${JSON.stringify(model, null, 2)}\n`);
  await writeFile(paths.markdown, `${renderMarkdown(model)}\n`);
  await writeFile(paths.html, renderHtml(model));
  return paths;
}
