import { catalogue, fill, type Lang } from '../i18n/messages.js';
import { Decimal, formatYuan } from '../money/decimal.js';
import { diffResults } from '../render/diff-results.js';
import { documentLabel } from './render-provenance.js';
import { shortHash, type Provenance } from './provenance.js';

/** The parts of a calc JSON result that hold figures (recorded in a file, or recomputed now). */
interface ClauseLike {
  id: string;
  number: string;
  part?: string;
  title: string;
  status: string;
  amount?: string;
  potential?: string;
  split?: { parts: { level: string; share: string; amount: string }[] };
  instalments?: string[];
}
export interface ResultLike {
  enterprise: { id?: string; name?: string; region: string; regionName: string; year: number };
  totals: { sure: string; ceilings: string; pendingPotential: string; needsData: number; byLevel: Record<string, string> };
  policies: { id: string; title: string; docNumber: string | null; applicability: string; clauses: ClauseLike[] }[];
}

/** One figure that differs: a clause's status and amount, its split or instalments, a total, or the enterprise itself. */
export interface FigureChange {
  clause: string;
  field: 'award' | 'split' | 'instalments' | 'pendingPotential' | 'needsData' | 'byLevel' | 'enterprise';
  before?: string;
  after?: string;
  beforeStatus?: string;
  afterStatus?: string;
}

export interface Verdict {
  holds: boolean;
  version: { recorded: string; current: string };
  rules: { recorded: string; current: string; changed: boolean };
  regime: { recorded?: Provenance['rules']['regime']; current?: Provenance['rules']['regime']; changed: boolean };
  /** Only when an input file was given: its hash against the recorded one. */
  input: { recorded?: string; current?: string; file?: string; given: boolean; changed: boolean };
  compared: number;
  changes: FigureChange[];
}

const splitText = (c: ClauseLike) => (c.split?.parts ?? []).map((p) => `${p.level} ${p.share} ${p.amount}`).join('; ');

/**
 * Every figure of the recorded result against the recomputed one: statuses and
 * amounts through diffResults (as `subsidy diff`), then what diff does not look
 * at: splits, instalments, the other totals and the enterprise. Traces, quotes
 * and notes are words, not figures, and are not compared.
 */
export function compareFigures(recorded: ResultLike, current: ResultLike): FigureChange[] {
  const out: FigureChange[] = [];
  const [a, b] = [recorded.enterprise, current.enterprise];
  if (a.region !== b.region || a.year !== b.year || a.id !== b.id || a.name !== b.name)
    out.push({
      clause: '(enterprise)',
      field: 'enterprise',
      before: `${a.name ?? a.id ?? ''} ${a.region} ${a.year}`.trim(),
      after: `${b.name ?? b.id ?? ''} ${b.region} ${b.year}`.trim(),
    });
  // The enterprise key must match for diffResults to pair the two runs; a changed enterprise is reported above.
  for (const c of diffResults({ ...recorded, enterprise: current.enterprise }, current))
    out.push({ clause: c.clause, field: 'award', before: c.before.amount, after: c.after.amount, beforeStatus: c.before.status, afterStatus: c.after.status });
  const now = new Map(current.policies.flatMap((p) => p.clauses.map((c) => [c.id, c] as const)));
  const awardChanged = new Set(out.map((c) => c.clause));
  for (const c of recorded.policies.flatMap((p) => p.clauses)) {
    const d = now.get(c.id);
    if (!d || awardChanged.has(c.id)) continue;
    if (splitText(c) !== splitText(d)) out.push({ clause: c.id, field: 'split', before: splitText(c), after: splitText(d) });
    if ((c.instalments ?? []).join('; ') !== (d.instalments ?? []).join('; '))
      out.push({ clause: c.id, field: 'instalments', before: (c.instalments ?? []).join('; '), after: (d.instalments ?? []).join('; ') });
  }
  const [s, t] = [recorded.totals, current.totals];
  if (s.pendingPotential !== t.pendingPotential)
    out.push({ clause: '(totals)', field: 'pendingPotential', before: s.pendingPotential, after: t.pendingPotential });
  if (s.needsData !== t.needsData) out.push({ clause: '(totals)', field: 'needsData', before: String(s.needsData), after: String(t.needsData) });
  for (const level of [...new Set([...Object.keys(s.byLevel), ...Object.keys(t.byLevel)])])
    if (s.byLevel[level] !== t.byLevel[level]) out.push({ clause: `(totals) ${level}`, field: 'byLevel', before: s.byLevel[level], after: t.byLevel[level] });
  return out;
}

export const clausesCompared = (r: ResultLike) => r.policies.reduce((n, p) => n + p.clauses.length, 0);

/** Clause ids in words: document, number and title, taken from either result (a clause may exist in one only). */
function labels(results: ResultLike[], lang: Lang): Map<string, string> {
  const w = catalogue(lang).words;
  const m = new Map<string, string>([
    ['(total sure)', `${w.verifyTotal} ${w.sure}`],
    ['(total ceilings)', `${w.verifyTotal} ${w.ceilings}`],
    ['(totals)', w.verifyTotal!],
    ['(enterprise)', w.enterprise!],
  ]);
  for (const r of results)
    for (const p of r.policies) {
      const doc = p.docNumber ?? p.title;
      m.set(p.id, documentLabel(p));
      for (const c of p.clauses) m.set(c.id, `${doc} ${c.number}${c.part ? ' ' + c.part : ''} ${c.title}`);
    }
  return m;
}

function changeLine(c: FigureChange, label: (id: string) => string, lang: Lang): string {
  const m = catalogue(lang);
  const w = m.words;
  const none = w.verifyNone!;
  const amount = (x?: string) => (x && /^-?\d+(\.\d+)?$/.test(x) ? formatYuan(new Decimal(x)) : (x ?? ''));
  const status = (st?: string) => (st === undefined ? none : st === 'total' ? '' : (m.status[st as keyof typeof m.status] ?? st));
  if (c.field === 'award') {
    const side = (st?: string, x?: string) => [status(st), amount(x)].filter(Boolean).join(' ') || none;
    return `${label(c.clause)}: ${side(c.beforeStatus, c.before)} → ${side(c.afterStatus, c.after)}`;
  }
  if (c.field === 'byLevel') {
    const level = c.clause.replace('(totals) ', '');
    return `${w.verifyByLevel} ${m.level[level] ?? level}: ${amount(c.before) || none} → ${amount(c.after) || none}`;
  }
  const field = { split: w.verifySplit, instalments: w.verifyInstalments, pendingPotential: w.pendingPotential, needsData: w.verifyNeedsData, enterprise: '' }[
    c.field
  ];
  const side = (x?: string) => (c.field === 'split' ? levelWords(x, lang) : amount(x)) || none;
  return `${label(c.clause)}${field ? ' ' + field : ''}: ${side(c.before)} → ${side(c.after)}`;
}

/** "local 0.75 75000.00; city …" as 区县 75% 75,000.00; …. */
function levelWords(x: string | undefined, lang: Lang): string {
  if (!x) return '';
  const m = catalogue(lang);
  return x
    .split('; ')
    .map((part) => {
      const [level, share, amount] = part.split(' ');
      return `${m.level[level!] ?? level} ${new Decimal(share!).times(100).toFixed()}% ${formatYuan(new Decimal(amount!))}`;
    })
    .join('；');
}

/** The verdict in words: the first line says whether the result holds, the indented lines why. */
export function renderVerdict(v: Verdict, recorded: ResultLike, current: ResultLike, lang: Lang): string {
  const w = catalogue(lang).words;
  const names = labels([recorded, current], lang);
  const label = (id: string) => names.get(id) ?? id;
  const regime = (r?: { file: string; sha256: string }) => (r ? `${r.file} ${shortHash(r.sha256)}` : w.verifyNone!);
  const lines = [v.holds ? w.verifyHolds! : w.verifyFails!];
  lines.push(
    v.rules.changed
      ? fill(w.verifyRulesChanged!, { recorded: shortHash(v.rules.recorded), current: shortHash(v.rules.current) })
      : fill(w.verifyRulesSame!, { fingerprint: shortHash(v.rules.current) }),
  );
  if (v.regime.changed) lines.push(fill(w.verifyRegime!, { recorded: regime(v.regime.recorded), current: regime(v.regime.current) }));
  if (!v.input.given)
    lines.push(fill(w.verifyInputEmbedded!, { file: v.input.file ?? '', fingerprint: v.input.recorded ? shortHash(v.input.recorded) : w.verifyNone! }));
  else if (v.input.changed)
    lines.push(
      fill(w.verifyInputChanged!, { recorded: v.input.recorded ? shortHash(v.input.recorded) : w.verifyNone!, current: shortHash(v.input.current ?? '') }),
    );
  else lines.push(fill(w.verifyInputSame!, { fingerprint: shortHash(v.input.current ?? '') }));
  if (!v.changes.length) lines.push(fill(w.verifyFiguresSame!, { count: v.compared }));
  else {
    lines.push(fill(w.verifyFigures!, { count: v.changes.length }));
    for (const c of v.changes) lines.push('  ' + changeLine(c, label, lang));
  }
  if (v.version.recorded !== v.version.current) lines.push(fill(w.verifyVersion!, { recorded: v.version.recorded, current: v.version.current }));
  return [lines[0], ...lines.slice(1).map((l) => '  ' + l)].join('\n') + '\n';
}
