import type { Evaluation } from '../../engine/types.js';
import { catalogue } from '../../i18n/messages.js';
import type { RuleSet } from '../../model/rule-set.js';
import type { Labels } from '../labels.js';
import { join } from './html.js';
import { page } from './page.js';
import { sheetSection, type SheetMeta } from './sheet.js';
import type { ReadingUse } from '../../reading-effects/readings-in-play.js';

/** A whole page holding the calculation sheet of each evaluation (calc has one); `readings`: as they stood for each evaluation. */
export function renderHtml(evs: Evaluation[], set: RuleSet, l: Labels, meta: SheetMeta = {}, readings?: ReadingUse[][]): string {
  const e = evs[0]?.enterprise;
  const title = `${catalogue(l.lang).sheet.title}${e ? ' · ' + (e.name ?? e.id ?? l.region(e.region)) : ''}`;
  return page(
    title,
    l.lang,
    join(
      evs.map((ev, i) => sheetSection(ev, set, l, readings ? { ...meta, readings: readings[i] ?? [] } : meta, evs.length > 1 ? `e${i + 1}` : undefined)),
      '\n',
    ),
  );
}
