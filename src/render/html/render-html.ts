import type { Evaluation } from '../../engine/types.js';
import { catalogue } from '../../i18n/messages.js';
import type { RuleSet } from '../../load/load-rules.js';
import type { Labels } from '../labels.js';
import { join } from './html.js';
import { page } from './page.js';
import { sheetSection, type SheetMeta } from './sheet.js';

/** A whole page holding the calculation sheet of each evaluation (calc has one). */
export function renderHtml(evs: Evaluation[], set: RuleSet, l: Labels, meta: SheetMeta = {}): string {
  const e = evs[0]?.enterprise;
  const title = `${catalogue(l.lang).sheet.title}${e ? ' · ' + (e.name ?? e.id ?? l.region(e.region)) : ''}`;
  return page(title, l.lang, join(evs.map((ev, i) => sheetSection(ev, set, l, meta, evs.length > 1 ? `e${i + 1}` : undefined)), '\n'));
}
