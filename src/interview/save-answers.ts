import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Document, isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { RuleSet } from '../model/rule-set.js';
import { resolveRegion } from '../model/regions.js';
import { writeFileAtomic } from '../output/write-file-atomic.js';
import type { Lang } from '../i18n/messages.js';
import { fieldName, historyUses, type HistoryUse } from '../input/read-history-entry.js';
import { clauseName } from '../rules/clause-name.js';
import { word } from './ask-fact.js';
import { provenance, type Provenance } from '../provenance/provenance.js';
import { provenanceComment } from '../provenance/render-provenance.js';
import type { Prompts } from './prompts.js';

export interface Answers {
  name?: string;
  region: string;
  year: number;
  /** Fact id → what the person typed or picked, in asking order. */
  given: Map<string, string | string[]>;
  skipped: string[];
  /** Clause id → what was received before, as answered (level and tier as their labels). */
  history?: Map<string, Record<string, string | number>>;
  /** Clauses whose history question was skipped. */
  skippedHistory?: string[];
}

/**
 * The answers as a calc input file: values as typed ("500万", "120万美元", 是),
 * each with its label as a comment, and the skipped facts listed at the end so
 * they can be filled in later. `subsidy calc` reads it back to the same result.
 * The header comment carries the provenance (no input hash: the answers are the input).
 */
export function answersYaml(set: RuleSet, a: Answers, lang: Lang, prov: Provenance = provenance(set, [])): string {
  const region = set.regions.get(a.region);
  // The name is friendlier, but only when it leads back to the same code.
  const regionText = region && resolveRegion(set, region.name) === a.region ? region.name : a.region;
  const facts = Object.fromEntries([...a.given].map(([id, raw]) => [id, plain(raw)]));
  const history = a.history?.size
    ? {
        history: Object.fromEntries(
          [...a.history].map(([id, h]) => [id, Object.fromEntries(Object.entries(h).map(([k, v]) => [k, typeof v === 'string' ? plain(v) : v]))]),
        ),
      }
    : {};
  const doc = new Document({ ...(a.name ? { name: a.name } : {}), region: regionText, year: a.year, facts, ...history });
  // Which tool and rules asked the questions: comments, so calc reads the file as before.
  doc.commentBefore = [` subsidy ask — ${prov.time.slice(0, 10)}`, ' subsidy calc <this file>', ...provenanceComment(prov, lang)].join('\n');
  const node = doc.get('facts', true) as YAMLMap<Scalar<string>, unknown>;
  for (const pair of node.items as Pair<Scalar<string>, Scalar | { flow: boolean; comment?: string | null }>[]) {
    const value = pair.value!;
    if (!isScalar(value)) value.flow = true;
    value.comment = ` ${set.facts.get(pair.key.value)?.label[lang] ?? ''}`;
  }
  commentHistory(set, doc);
  const tail: string[] = [];
  if (a.skipped.length) tail.push(` ${word(lang, 'skippedFacts')}:`, ...a.skipped.map((id) => `   ${id}:    # ${set.facts.get(id)?.label[lang] ?? ''}`));
  const uses = historyUses(set);
  if (a.skippedHistory?.length)
    tail.push(` ${word(lang, 'skippedHistory')}:`, ...a.skippedHistory.map((id) => `   ${id}:    # ${nameOf(uses.get(id))}: ${neededOf(uses.get(id), lang)}`));
  if (tail.length) doc.comment = tail.join('\n');
  return doc.toString({ lineWidth: 0 });
}

const nameOf = (u: HistoryUse | undefined) => (u ? clauseName(u.policy, u.clause) : '');
const neededOf = (u: HistoryUse | undefined, lang: Lang) => (u?.needed ?? []).map((f) => `${f} (${fieldName(f, lang)})`).join(', ');

/** Each history entry in flow style, with the clause's document, number and title as its comment. */
function commentHistory(set: RuleSet, doc: Document): void {
  const node = doc.get('history', true) as YAMLMap<Scalar<string>, unknown> | undefined;
  if (!node) return;
  const uses = historyUses(set);
  for (const pair of node.items as Pair<Scalar<string>, { flow: boolean; comment?: string | null }>[]) {
    pair.value!.flow = true;
    pair.value!.comment = ` ${nameOf(uses.get(pair.key.value))}`;
  }
}

/** Pure digits are written as numbers; anything with a unit, a comma or a % stays as typed. */
function plain(raw: string | string[]): string | number | string[] {
  if (Array.isArray(raw)) return raw;
  return /^\d{1,15}(\.\d+)?$/.test(raw) && String(Number(raw)) === raw ? Number(raw) : raw;
}

/** Asks whether to save, for a name and a path, and writes the file whole. Returns the path written, if any. */
export async function offerSave(p: Prompts, set: RuleSet, a: Answers, lang: Lang, write: (text: string) => void): Promise<string | undefined> {
  if (!(await p.confirm({ message: word(lang, 'askSave'), default: true }))) return undefined;
  const name = (await p.input({ message: word(lang, 'askName') })).trim();
  const path = (
    await p.input({ message: word(lang, 'askPath'), default: `subsidy-${a.region}-${a.year}.yaml`, validate: (v) => checkPath(v.trim(), lang) })
  ).trim();
  writeFileAtomic(path, answersYaml(set, { ...a, name: name || undefined }, lang));
  write(word(lang, 'saved', { path }) + '\n');
  return path;
}

function checkPath(path: string, lang: Lang): true | string {
  if (!path) return word(lang, 'askPath');
  if (existsSync(path)) return word(lang, 'fileExists', { path });
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return word(lang, 'noDir', { path: dir });
  return true;
}
