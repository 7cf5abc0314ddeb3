import type { Evaluation } from '../engine/types.js';
import type { RuleSet } from '../load/load-rules.js';
import type { Lang } from '../i18n/messages.js';
import { renderJson } from './to-json.js';
import { renderTable } from './render-table.js';
import { renderCsv } from './render-csv.js';
import { renderMarkdown } from './render-markdown.js';
import { renderExplain } from './render-explain.js';
import { labelsFor } from './labels.js';
import { safeText } from './safe-text.js';
import { readingsLines } from './render-readings.js';
import type { ReadingUse } from '../readings/readings-in-play.js';

export type Format = 'table' | 'json' | 'csv' | 'md';

export interface RenderOptions {
  format: Format;
  explain?: boolean;
  all?: boolean;
  lang: Lang;
  color?: boolean;
  /** Show rule ids beside the names a reader sees. */
  ids?: boolean;
  /** The readings as they stood for each evaluation (explanations say where one decided a result; text formats list them). */
  readings?: ReadingUse[][];
}

/** Chooses a renderer. Every renderer takes results and returns text; none prints. */
export function renderResult(evs: Evaluation[], set: RuleSet, o: RenderOptions): string {
  const l = labelsFor(set, o.lang, o.ids);
  if (o.format === 'json') return renderJson(evs, set, l);
  const notes = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c.notes ?? []] as const)));
  const notesOf = (id: string) => notes.get(id) ?? [];
  return evs
    .map((ev, i) => {
      const uses = o.readings?.[i] ?? [];
      let text = o.format === 'csv' ? renderCsv(ev, l, o.all) : o.format === 'md' ? renderMarkdown(ev, l, o.all) : renderTable(ev, notesOf, l, { all: o.all, color: o.color });
      const lines = readingsLines(uses, l);
      if (lines.length && o.format !== 'csv') text += (o.format === 'md' ? lines.map((x) => `- ${x}`) : lines).join('\n') + '\n';
      if (o.explain) text += '\n' + safeText(renderExplain(ev, set, l, o.all, uses));
      return text;
    })
    .join('\n');
}
