import type { Finding } from '../errors/codes.js';
import type { RuleSet } from '../model/rule-set.js';
import { notesOf } from './check-references.js';

/**
 * Words with which a note picks one way of reading a text ("读作", "按……读",
 * "理解为", "视为"…). A note using them either refers to a declared reading, is
 * itself switched by one, or says why the text allows no other and ends with
 * SETTLED — so that no reading is chosen silently in prose (issue 16).
 */
export const CHOOSING = /读作|按[^，。；：“”]{0,24}读|理解为|视为|视同|本工具按|此处按|取最接近|起算|解释：/;

/** The words that close a note explaining why the text allows only one reading. */
export const SETTLED = '别无他解';

/** A reference to a reading inside a note: {reading:rate-ceiling}. */
export const READING_REF = /\{reading:([a-z0-9][a-z0-9-]*)\}/g;

/**
 * Every note of every policy that chooses a reading without naming one; every
 * {reading:id} naming a reading that is not declared or does not concern the document.
 */
export function checkNoteReadings(set: RuleSet): Finding[] {
  const out: Finding[] = [];
  const readings = new Map(set.readings.map((r) => [r.id, r]));
  for (const lp of set.policies) {
    const switched = (lp.switches ?? []).map((s) => s.path.join('\u0000'));
    for (const [note, path] of notesOf(lp.policy)) {
      const where = lp.source.locate(path);
      const refs = [...note.matchAll(READING_REF)].map((m) => m[1]!);
      for (const id of refs) {
        const r = readings.get(id);
        if (!r) out.push({ code: 'RULE_UNKNOWN_READING', args: { reading: id }, ...where });
        else if (!r.documents.includes(lp.policy.id)) out.push({ code: 'RULE_READING_DOCUMENT', args: { reading: id, policy: lp.policy.id }, ...where });
      }
      const phrase = note.match(CHOOSING)?.[0];
      if (!phrase || refs.length || note.includes(SETTLED)) continue;
      const key = path.join('\u0000');
      if (switched.some((s) => key === s || key.startsWith(s + '\u0000'))) continue;
      out.push({ code: 'RULE_NOTE_CHOOSES', args: { phrase, settled: SETTLED }, ...where });
    }
  }
  return out;
}
