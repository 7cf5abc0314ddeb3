import type { Evaluation } from '../engine/types.js';
import { catalogue, type Lang } from '../i18n/messages.js';
import { formatYuan } from '../money/decimal.js';
import { levelsUsed, reportRows } from './rows.js';
import { safeText } from './safe-text.js';

const esc = (s: string) => safeText(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(ev: Evaluation, lang: Lang, all = false): string {
  const m = catalogue(lang);
  const levels = levelsUsed(ev);
  const head = [m.words.document!, m.words.clause!, m.words.title!, m.words.status!, m.words.award!, ...levels.map((l) => m.level[l]!), m.words.note!];
  const e = ev.enterprise;
  const lines = [
    `## ${esc(e.name ?? e.id ?? m.words.enterprise!)} — ${e.regionName} ${e.year}`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 4 || (i > 4 && i < 5 + levels.length) ? ' ---: ' : ' --- ')).join('|')}|`,
  ];
  for (const r of reportRows(ev, lang, all))
    lines.push(`| ${[r.document, r.clause, r.title, r.status, r.award, ...levels.map((l) => r.shares[l] ?? ''), r.note].map(esc).join(' | ')} |`);
  lines.push('', `- ${m.words.sure}: **${formatYuan(ev.totals.sure)}**`, `- ${m.words.ceilings}: ${formatYuan(ev.totals.ceilings)}`, `- ${m.words.pending}: ${ev.totals.needsData}`, '');
  return lines.join('\n');
}
