import { SubsidyError } from '../../errors/subsidy-error.js';
import { didYouMean } from '../../errors/did-you-mean.js';
import { formatFinding } from '../../i18n/format-error.js';
import type { Lang } from '../../i18n/messages.js';
import { loadRules, type RuleSet } from '../../load/load-rules.js';
import { loadRulesSync } from '../../load/load-rules-sync.js';
import { lintRules } from '../../lint/lint-rules.js';
import { coverage } from '../../lint/coverage.js';
import { describeClause } from '../../rules/describe-rule.js';
import { labelsFor } from '../../render/labels.js';
import { catalogue } from '../../i18n/messages.js';
import { workedExample } from '../../rules/worked-example.js';

export interface RulesOptions {
  lang: Lang;
  rules?: string;
  format: string;
}

export async function rulesCommand(action: string, id: string | undefined, opts: RulesOptions): Promise<number> {
  switch (action) {
    case 'lint': {
      // A rule set that does not load is itself the lint result: loadRules throws findings with positions.
      const set = loadRulesSync(opts.rules);
      const findings = lintRules(set);
      for (const f of findings) process.stderr.write(formatFinding(f, opts.lang) + '\n');
      process.stdout.write(findings.length ? `${findings.length} problem(s)\n` : `rules OK: ${set.policies.length} documents, ${set.policies.reduce((n, p) => n + p.policy.clauses.length, 0)} clauses, ${set.facts.size} facts\n`);
      return findings.length ? 1 : 0;
    }
    case 'list':
      process.stdout.write(listRules(await loadRules(opts.rules), opts.format));
      return 0;
    case 'coverage': {
      const set = await loadRules(opts.rules);
      const rows = coverage(set);
      if (opts.format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      else {
        process.stdout.write('document                 items  computable ceiling non_monetary by_reference defective provision unaccounted\n');
        for (const r of rows)
          process.stdout.write(`${r.policy.padEnd(24)} ${String(r.items).padStart(5)}  ${String(r.computable).padStart(10)} ${String(r.ceiling).padStart(7)} ${String(r.non_monetary).padStart(12)} ${String(r.by_reference).padStart(12)} ${String(r.defective).padStart(9)} ${String(r.provision).padStart(9)} ${String(r.unaccounted.length).padStart(11)}${r.unaccounted.length ? '  ' + r.unaccounted.join(', ') : ''}\n`);
      }
      return rows.some((r) => r.unaccounted.length) ? 1 : 0;
    }
    case 'show': {
      if (!id) throw SubsidyError.of('USAGE', { detail: 'rules show <clause-id>' });
      const set = await loadRules(opts.rules);
      process.stdout.write(showClause(set, id, opts.lang));
      return 0;
    }
    default:
      throw SubsidyError.of('USAGE', { detail: `unknown action "${action}"` }, {}, suggestion(action, ['list', 'show', 'coverage', 'lint']));
  }
}

function suggestion(word: string, options: string[]) {
  const s = didYouMean(word, options);
  return s ? { code: 'DID_YOU_MEAN' as const, suggestion: s } : undefined;
}

function listRules(set: RuleSet, format: string): string {
  if (format === 'json')
    return JSON.stringify(set.policies.map(({ policy: p }) => ({ id: p.id, title: p.title, docNumber: p.doc_number, status: p.status, validity: p.validity, clauses: p.clauses.map((c) => ({ id: c.id, number: c.number, part: c.part, title: c.title, status: c.status })) })), null, 2) + '\n';
  const lines: string[] = [];
  for (const { policy: p } of set.policies) {
    lines.push(`${p.id}  ${p.doc_number ?? '(无文号)'}  ${p.title}  [${p.status}] ${p.validity.from} – ${p.validity.to ?? '…'}`);
    for (const c of p.clauses) lines.push(`  ${c.id.padEnd(28)} ${`${c.section ? c.section + ' ' : ''}${c.number}${c.part ? ' ' + c.part : ''}`.padEnd(14)} ${c.status.padEnd(13)} ${c.title}`);
  }
  return lines.join('\n') + '\n';
}

/** `rules show <clause-id>` as text (exported for tests that read what it displays). */
export function showClause(set: RuleSet, id: string, lang: Lang): string {
  const all = set.policies.flatMap((lp) => lp.policy.clauses.map((c) => ({ lp, c })));
  const hit = all.find((x) => x.c.id === id);
  if (!hit) throw SubsidyError.of('UNKNOWN_CLAUSE', { clause: id }, {}, suggestion(id, all.map((x) => x.c.id)));
  const { lp, c } = hit;
  const quote = Array.isArray(c.quote) ? c.quote.join(' … ') : c.quote;
  const l = labelsFor(set, lang);
  const m = catalogue(lang);
  const colon = lang === 'zh' ? '：' : ': ';
  const lines = [
    `${lp.policy.doc_number ?? lp.policy.title} ${c.section ? c.section + ' ' : ''}${c.number}${c.part ? ' ' + c.part : ''} ${c.title}（${c.id}）`,
    `${m.describe.status}${colon}${m.ruleStatus[c.status] ?? c.status}`,
    `${m.describe.quote}${colon}“${quote}”`,
    ...describeClause(c, l),
    ...(c.notes ?? []).map((n) => `${m.describe.note}${colon}${l.note(n)}`),
  ];
  const example = workedExample(set, c.id, lang);
  lines.push('', example ?? (lang === 'zh' ? '（examples/ 中尚无使本条款产生金额的示例）' : '(no example in examples/ yields an amount for this clause)'));
  return lines.join('\n') + '\n';
}

