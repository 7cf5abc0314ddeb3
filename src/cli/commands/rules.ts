import { existsSync, statSync } from 'node:fs';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { didYouMean } from '../../errors/did-you-mean.js';
import { formatFinding } from '../../i18n/format-error.js';
import type { Lang } from '../../i18n/messages.js';
import { DEFAULT_RULES_DIR, loadRules, type RuleSet } from '../../index.js';
import { checkRules } from '../../load/validate-rules.js';
import { isBlocking } from '../../check/lint-rules.js';
import { coverage, coverageFails, type CoverageRow } from '../../lint/coverage.js';
import { describeClause } from '../rules/describe-rule.js';
import { labelsFor } from '../../render/labels.js';
import { catalogue, fill } from '../../i18n/messages.js';
import { documentState, today } from '../rules/document-state.js';
import { workedExample } from '../rules/worked-example.js';
import { safeText } from '../../i18n/safe-text.js';
import { reason } from '../../i18n/reasons.js';
import type { RulesOptions } from './rules-options.js';
import { writeStdout } from '../stdout.js';

export type { RulesOptions } from './rules-options.js';

const ACTIONS = ['list', 'show', 'readings', 'coverage', 'lint', 'new'];

export async function rulesCommand(action: string, arg: string | undefined, opts: RulesOptions): Promise<number> {
  switch (action) {
    case 'lint':
      return lint(opts);
    case 'list':
      writeStdout(safeText(listRules(await loadRules({ rules: opts.rules }), opts.format, opts.lang)));
      return 0;
    case 'coverage':
      return coverageCommand(opts);
    case 'readings': {
      const set = await loadRules({ rules: opts.rules });
      const { listReadings } = await import('../../render/render-readings.js');
      if (opts.format === 'json') writeStdout(JSON.stringify({ readings: set.readings, profiles: set.profiles }, null, 2) + '\n');
      else writeStdout(safeText(listReadings(set, labelsFor(set, opts.lang))));
      return 0;
    }
    case 'show': {
      if (!arg) throw SubsidyError.of('USAGE', { detail: reason('rulesShowUsage') });
      const set = await loadRules({ rules: opts.rules });
      writeStdout(safeText(showClause(set, arg, opts.lang)));
      return 0;
    }
    case 'new':
      return (await import('./rules-new.js')).rulesNew(arg, opts);
    default:
      throw SubsidyError.of('USAGE', { detail: reason('unknownAction', { value: action }) }, {}, suggestion(action, ACTIONS));
  }
}

/** The rule directory asked for; a missing one is a usage error, not a finding about rules. */
function rulesDir(opts: RulesOptions): string {
  const dir = opts.rules ?? DEFAULT_RULES_DIR;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw SubsidyError.of('FILE_NOT_FOUND', { reason: 'no such rule directory' }, { file: dir, field: '--rules' });
  return dir;
}

/**
 * Every check a load runs, printed rather than thrown: exit 0 when the set is clean,
 * 1 when anything was found (errors that stop it loading, or clauses still todo).
 */
function lint(opts: RulesOptions): number {
  const { set, findings } = checkRules(rulesDir(opts), opts.regime);
  for (const f of findings) process.stderr.write(formatFinding(f, opts.lang) + '\n');
  const errors = findings.filter(isBlocking).length;
  const todo = findings.length - errors;
  if (!findings.length && set)
    writeStdout(
      `rules OK: ${set.policies.length} documents, ${set.policies.reduce((n, p) => n + p.policy.clauses.length, 0)} clauses, ${set.facts.size} facts\n`,
    );
  else writeStdout(`${errors} problem(s)${errors ? ' (the rules do not load)' : ''}, ${todo} unfinished (todo)\n`);
  return findings.length ? 1 : 0;
}

/** Coverage of each document that parsed; problems that stop the set loading are printed too, and fail it. */
function coverageCommand(opts: RulesOptions): number {
  const { set, findings } = checkRules(rulesDir(opts));
  const errors = findings.filter(isBlocking).filter((f) => f.code !== 'RULE_ITEM_UNACCOUNTED' && f.code !== 'RULE_NUMBERING_NO_MATCH');
  for (const f of errors) process.stderr.write(formatFinding(f, opts.lang) + '\n');
  const rows = set ? coverage(set) : [];
  if (opts.format === 'json') writeStdout(JSON.stringify(rows, null, 2) + '\n');
  else writeStdout(coverageTable(rows));
  return errors.length || !set || rows.some(coverageFails) ? 1 : 0;
}

function coverageTable(rows: CoverageRow[]): string {
  const cols = ['items', 'computable', 'ceiling', 'non_monetary', 'by_reference', 'defective', 'provision', 'todo', 'readings', 'unaccounted'] as const;
  const width = Math.max(24, ...rows.map((r) => r.policy.length));
  const lines = [`${'document'.padEnd(width)} ${cols.join(' ')}`];
  for (const r of rows) {
    const cells = cols.map((c) => String(c === 'unaccounted' ? r.unaccounted.length : r[c]).padStart(c.length));
    const notes = [...r.unaccounted, ...r.unmatched.map((s) => `numbering ${s} matches nothing`)];
    lines.push(`${r.policy.padEnd(width)} ${cells.join(' ')}${notes.length ? '  ' + notes.join(', ') : ''}`);
  }
  return lines.join('\n') + '\n';
}

function suggestion(word: string, options: string[]) {
  const s = didYouMean(word, options);
  return s ? { code: 'DID_YOU_MEAN' as const, suggestion: s } : undefined;
}

function listRules(set: RuleSet, format: string, lang: Lang): string {
  const day = today();
  if (format === 'json')
    return (
      JSON.stringify(
        set.policies.map(({ policy: p }) => ({
          id: p.id,
          title: p.title,
          docNumber: p.doc_number,
          status: p.status,
          expired: documentState(p, day).expired,
          validity: p.validity,
          clauses: p.clauses.map((c) => ({ id: c.id, number: c.number, part: c.part, title: c.title, status: c.status })),
        })),
        null,
        2,
      ) + '\n'
    );
  const m = catalogue(lang);
  const w = m.words;
  const lines: string[] = [];
  for (const { policy: p } of set.policies) {
    // Expired is derived from the validity and today's date (SOURCE_DATE_EPOCH when set), never written in the file.
    const state = documentState(p, day);
    // Ids stay (they are what `rules show` takes); statuses are words in the reader's language.
    const status = [w[`status_${p.status}`] ?? p.status, ...(state.expired ? [w.listExpired!] : [])].join(lang === 'zh' ? '；' : ', ');
    lines.push(`${p.id}  ${p.doc_number ?? w.noDocNumber}  ${p.title}  [${status}] ${p.validity.from} – ${p.validity.to ?? '…'}`);
    for (const c of p.clauses)
      lines.push(
        `  ${c.id.padEnd(28)} ${`${c.section ? c.section + ' ' : ''}${c.number}${c.part ? ' ' + c.part : ''}`.padEnd(14)} ${(m.ruleStatus[c.status] ?? c.status).padEnd(13)} ${c.title}`,
      );
  }
  return lines.join('\n') + '\n';
}

/** `rules show <clause-id>` as text (exported for tests that read what it displays). */
export function showClause(set: RuleSet, id: string, lang: Lang): string {
  const all = set.policies.flatMap((lp) => lp.policy.clauses.map((c) => ({ lp, c })));
  const hit = all.find((x) => x.c.id === id);
  if (!hit)
    throw SubsidyError.of(
      'UNKNOWN_CLAUSE',
      { clause: id },
      {},
      suggestion(
        id,
        all.map((x) => x.c.id),
      ),
    );
  const { lp, c } = hit;
  const quote = Array.isArray(c.quote) ? c.quote.join(' … ') : c.quote;
  const l = labelsFor(set, lang);
  const m = catalogue(lang);
  const colon = lang === 'zh' ? '：' : ': ';
  const lines = [
    `${lp.policy.doc_number ?? lp.policy.title} ${c.section ? c.section + ' ' : ''}${c.number}${c.part ? ' ' + c.part : ''} ${c.title}（${c.id}）`,
    docStatusLine(lp.policy, lang),
    `${m.describe.status}${colon}${m.ruleStatus[c.status] ?? c.status}`,
    `${m.describe.quote}${colon}“${quote}”`,
    ...describeClause(c, l),
    ...(c.notes ?? []).map((n) => `${m.describe.note}${colon}${l.note(n)}`),
  ];
  const example = workedExample(set, c.id, lang);
  lines.push('', example ?? (lang === 'zh' ? '（examples/ 中尚无使本条款产生金额的示例）' : '(no example in examples/ yields an amount for this clause)'));
  return lines.join('\n') + '\n';
}

/** 文件状态：试行；已于 2026-12-31 失效 — the document's status as encoded, and whether it has expired by today. */
function docStatusLine(p: RuleSet['policies'][number]['policy'], lang: Lang): string {
  const w = catalogue(lang).words;
  const state = documentState(p, today());
  const parts = [w[`status_${state.status}`] ?? state.status, ...(state.expired ? [fill(w.expiredOn!, { to: state.to! })] : [])];
  return `${w.docStatus}${lang === 'zh' ? '：' : ': '}${parts.join(lang === 'zh' ? '；' : '; ')}`;
}
