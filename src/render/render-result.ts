import type { Evaluation } from '../engine/types.js';
import type { RuleSet } from '../model/rule-set.js';
import type { Lang } from '../i18n/messages.js';
import { renderJson } from './to-json.js';
import { renderTable } from './render-table.js';
import { renderCsv } from './render-csv.js';
import { renderMarkdown } from './render-markdown.js';
import { renderExplain } from './render-explain.js';
import { labelsFor } from './labels.js';
import { renderHtml } from './html/render-html.js';
import type { SheetMeta } from './html/sheet.js';
import { safeText } from '../i18n/safe-text.js';
import { wrapText } from './wrap-text.js';
import { readingsLines } from './render-readings.js';
import type { ReadingUse } from '../reading-effects/readings-in-play.js';

export type Format = 'table' | 'json' | 'csv' | 'md' | 'html';

export interface RenderOptions {
  format: Format;
  explain?: boolean;
  all?: boolean;
  lang: Lang;
  color?: boolean;
  /** Show rule ids beside the names a reader sees. */
  ids?: boolean;
  /** Terminal columns for the table; undefined: the full layout, stable for logs and files. */
  width?: number;
  /** What the HTML sheet shows beside the results (readings, provenance). */
  sheet?: SheetMeta;
  /** The readings as they stood for each evaluation (explanations say where one decided a result; text formats list them). */
  readings?: ReadingUse[][];
}

/** Chooses a renderer. Every renderer takes results and returns text; none prints. */
export function renderResult(evs: Evaluation[], set: RuleSet, o: RenderOptions): string {
  const l = labelsFor(set, o.lang, o.ids);
  if (o.format === 'json') return renderJson(evs, set, l);
  // The calculation sheet always shows the working: --explain adds nothing to it.
  if (o.format === 'html') return renderHtml(evs, set, l, { ...o.sheet, all: o.all }, o.readings);
  const notes = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c.notes ?? []] as const)));
  const notesOf = (id: string) => notes.get(id) ?? [];
  return evs
    .map((ev, i) => {
      const uses = o.readings?.[i] ?? [];
      // CSV carries the working in a column of its own; the other text formats add it below.
      if (o.format === 'csv') return renderCsv(ev, l, o.all, o.explain ? set : undefined, uses);
      let text = o.format === 'md' ? renderMarkdown(ev, l, o.all) : renderTable(ev, notesOf, l, { all: o.all, color: o.color, width: o.width });
      const lines = readingsLines(uses, l);
      if (lines.length)
        text +=
          (o.format === 'md' ? lines.map((x) => `- ${x}`) : o.width === undefined ? lines : lines.flatMap((x) => wrapText(x, o.width!).split('\n'))).join(
            '\n',
          ) + '\n';
      // In Markdown the working is a block of its own, so that its lines are not run together into a paragraph.
      if (o.explain)
        text +=
          o.format === 'md'
            ? '\n```text\n' + safeText(renderExplain(ev, set, l, o.all, uses)) + '```\n'
            : '\n' + safeText(renderExplain(ev, set, l, o.all, uses));
      return text;
    })
    .join('\n');
}
