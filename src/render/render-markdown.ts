import type { Evaluation } from '../engine/types.js';
import { catalogue } from '../i18n/messages.js';
import type { Labels } from './labels.js';
import { amountColumnsUsed, levelsUsed, reportRows } from './rows.js';
import { totalsLines } from './render-table.js';
import { safeText } from '../i18n/safe-text.js';

const esc = (s: string) => safeText(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(ev: Evaluation, l: Labels, all = false): string {
  const m = catalogue(l.lang);
  const w = m.words;
  const rows = reportRows(ev, l, all);
  const levels = levelsUsed(ev);
  const amounts = amountColumnsUsed(rows);
  const head = [w.document!, w.clause!, w.title!, w.status!, ...amounts.map((k) => m.amountColumn[k]!), ...levels.map((lv) => l.level(lv)), w.note!];
  const numeric = (i: number) => i >= 4 && i < 4 + amounts.length + levels.length;
  const e = ev.enterprise;
  const lines = [
    `## ${esc(e.name ?? e.id ?? l.subject(ev))} — ${l.region(e.region)} ${e.year}`,
    '',
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map((_, i) => (numeric(i) ? ' ---: ' : ' --- ')).join('|')}|`,
  ];
  for (const r of rows) {
    const note = r.partial ? `${r.note ? r.note + '；' : ''}${w.partialMark}` : r.note;
    lines.push(
      `| ${[r.document, r.clause, r.title, r.status, ...amounts.map((k) => r.amounts[k]), ...levels.map((lv) => r.shares[lv] ?? ''), note].map(esc).join(' | ')} |`,
    );
  }
  lines.push('', ...totalsLines(ev, l).map((t) => `- ${esc(t)}`), '');
  return lines.join('\n');
}
