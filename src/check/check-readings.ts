import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../errors/codes.js';
import type { RuleSet } from '../model/rule-set.js';
import type { YamlSource } from '../model/rule-set.js';
import { checkNoteReadings } from './check-note-readings.js';
import { squeeze } from './source-items.js';

/**
 * The readings file and the profiles: every reading concerns documents that exist,
 * quotes their words verbatim, is used by some rule (else it changes nothing), and
 * is used only in the documents it names; every profile names readings and options
 * that exist; and no note chooses a reading in prose without naming one (check-note-readings.ts).
 */
export function checkReadings(set: RuleSet, at: YamlSource['locate'], profileAt: Record<string, YamlSource['locate']>): Finding[] {
  const out: Finding[] = checkNoteReadings(set);
  const byId = new Map(set.policies.map((lp) => [lp.policy.id, lp]));
  const used = new Map<string, Set<string>>();
  for (const lp of set.policies)
    for (const s of lp.switches ?? []) {
      const docs = used.get(s.reading) ?? new Set<string>();
      used.set(s.reading, docs.add(lp.policy.id));
      const r = set.readings.find((x) => x.id === s.reading);
      if (r && !r.documents.includes(lp.policy.id))
        out.push({ code: 'RULE_READING_DOCUMENT', args: { reading: r.id, policy: lp.policy.id }, ...lp.source.locate(s.path) });
    }
  set.readings.forEach((r, i) => {
    const path = ['readings', i];
    r.documents.forEach((d, j) => {
      if (!byId.has(d)) out.push({ code: 'RULE_UNKNOWN_POLICY', args: { policy: d }, ...at([...path, 'documents', j]) });
    });
    if (!used.has(r.id)) out.push({ code: 'RULE_READING_UNUSED', args: { reading: r.id }, ...at([...path, 'id']) });
    const texts = r.documents.flatMap((d) => {
      const p = byId.get(d)?.policy;
      try {
        return p ? [squeeze(readFileSync(join(set.dir, 'sources', p.source), 'utf8'))] : [];
      } catch {
        return [];
      }
    });
    const quotes = Array.isArray(r.quote) ? r.quote : [r.quote];
    quotes.forEach((q, j) => {
      if (texts.length && !texts.some((t) => t.includes(squeeze(q))))
        out.push({
          code: 'RULE_QUOTE_NOT_FOUND',
          args: { detail: q.length > 30 ? q.slice(0, 30) + '…' : q },
          ...at(Array.isArray(r.quote) ? [...path, 'quote', j] : [...path, 'quote']),
        });
    });
  });
  for (const [name, p] of Object.entries(set.profiles))
    for (const [reading, option] of Object.entries(p.readings)) {
      const r = set.readings.find((x) => x.id === reading);
      const where = profileAt[name]?.(['readings', reading]) ?? {};
      if (!r) out.push({ code: 'RULE_UNKNOWN_READING', args: { reading }, ...where });
      else if (!r.options.some((o) => o.id === option))
        out.push({ code: 'RULE_READING_OPTIONS', args: { reading, want: r.options.map((o) => o.id).join(', '), have: option }, ...where });
    }
  return out;
}
