import { catalogue, fill } from '../../i18n/messages.js';
import type { RuleSet } from '../../model/rule-set.js';
import type { ReadingUse } from '../../reading-effects/readings-in-play.js';
import type { Labels } from '../labels.js';
import { readingsLines } from '../render-readings.js';

/**
 * What the sheets say about readings, in the same words as the text outputs
 * (readingsLines): a line for each reading that decided a result here or that
 * the user chose away from its default, then how many others stood at their
 * default and changed nothing. A reading chosen away from its default is named
 * even where no document near the enterprise uses it, so a reader of the sheet
 * knows every choice that differs from the rule files.
 */
export function sheetReadingLines(set: RuleSet, uses: ReadingUse[], l: Labels): string[] {
  const all = set.readings.map((r): ReadingUse => {
    const option = set.choices[r.id] ?? r.default;
    return uses.find((u) => u.id === r.id) ?? { id: r.id, option, isDefault: option === r.default, decided: false, touches: [] };
  });
  const lines = readingsLines(all, l);
  const rest = all.length - lines.length;
  return rest ? [...lines, fill(catalogue(l.lang).sheet.readingsRest!, { count: rest })] : lines;
}

/** How many enterprises of a batch each reading decided something for. */
export class ReadingTally {
  private readonly decided = new Map<string, number>();
  add(uses: ReadingUse[] | undefined): void {
    for (const u of uses ?? []) if (u.decided) this.decided.set(u.id, (this.decided.get(u.id) ?? 0) + 1);
  }

  /** The portfolio's lines: every reading that decided something for some enterprise or was chosen away from its default, then the rest. */
  lines(set: RuleSet, l: Labels): string[] {
    const s = catalogue(l.lang).sheet;
    const out: string[] = [];
    for (const r of set.readings) {
      const id = set.choices[r.id] ?? r.default;
      const count = this.decided.get(r.id) ?? 0;
      if (!count && id === r.default) continue;
      const o = r.options.find((x) => x.id === id);
      const option = `${o ? o.label[l.lang] : id}${l.ids ? `〔${r.id}=${id}〕` : ''}`;
      out.push(fill(id === r.default ? s.portfolioReadingDefault! : s.portfolioReadingChosen!, { question: r.question[l.lang], option, count }));
    }
    const rest = set.readings.length - out.length;
    return rest ? [...out, fill(s.portfolioReadingsRest!, { count: rest })] : out;
  }
}

/** The provenance rows without its readings lines: the sheets say them in the readings row, by name rather than by id. */
export function withoutReadings(provenance: string[][] | undefined, l: Labels): string[][] | undefined {
  const label = catalogue(l.lang).words.provReading;
  return provenance?.filter(([k]) => k !== label);
}
