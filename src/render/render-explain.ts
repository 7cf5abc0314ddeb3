import type { ClauseResult, Evaluation, PolicyResult, TraceStep } from '../engine/types.js';
import type { RuleSet } from '../load/load-rules.js';
import type { Clause } from '../schema/policy-schema.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import { Decimal, formatYuan } from '../money/decimal.js';
import { docLabel } from './rows.js';

const SHOWN = new Set(['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded']);

/** Words for one trace step. The engine records data; wording is done here. */
export function traceLine(t: TraceStep, lang: Lang): string {
  const zh = lang === 'zh';
  const tri = (r: boolean | 'unknown') => (r === 'unknown' ? (zh ? '未知' : 'unknown') : r ? '✓' : '✗');
  switch (t.kind) {
    case 'validity':
      return `${zh ? '有效期' : 'in force'} ${t.from} – ${t.to ?? (zh ? '无截止' : 'open-ended')}, ${zh ? '数据年度' : 'data year'} ${t.year}: ${tri(t.ok)}${t.partial ? (zh ? '（部分年度）' : ' (part of the year)') : ''}${t.draft ? (zh ? '；征求意见稿' : '; draft') : ''}`;
    case 'region':
      return `${zh ? '适用地区' : 'applies to'} ${t.appliesTo.join(', ')}; ${zh ? '企业所在' : 'enterprise in'} ${t.region}: ${tri(t.ok)}`;
    case 'beneficiary':
      return `${zh ? '受益主体' : 'beneficiary'} ${t.required} ∈ [${t.actual?.join(', ') ?? '?'}]: ${tri(t.result)}`;
    case 'exclusion':
      return `${zh ? '排除情形' : 'disqualifier'} ${t.id} (${t.clause}): ${t.result === true ? (zh ? '存在' : 'applies') : t.result === false ? (zh ? '无' : 'no') : tri('unknown')}`;
    case 'condition':
      return `${zh ? '条件' : 'condition'} ${t.subject} ${t.op} ${t.threshold}: ${t.actual ?? '?'} → ${tri(t.result)}`;
    case 'derived':
      return `${zh ? '折算' : 'derived'} ${t.fact} ${zh ? '由' : 'from'} ${t.from}: ${t.text}`;
    case 'formula':
      return `${zh ? '计算' : 'formula'}: ${t.text}`;
    case 'cap':
      return `${zh ? '上限' : 'cap'} (${t.per}) ${t.cap}: ${t.before} → ${t.after}`;
    case 'history':
      return `${zh ? '历史' : 'history'}: ${t.detail}`;
    case 'rounding':
      return `${zh ? '四舍五入到分' : 'rounded half-up to the fen'}: ${t.before} → ${t.after}`;
    case 'instalments':
      return `${zh ? '分期兑现' : 'instalments'}: ${t.parts.join(' + ')}`;
    case 'stacking':
      return `${zh ? '就高不重复' : 'no double award'} [${t.group}]: ${zh ? '取' : 'kept'} ${t.winner}`;
    case 'split': {
      const words = catalogue(lang).level;
      const parts = t.parts.map((p) => `${words[p.level] ?? p.level} ${new Decimal(p.share).times(100).toFixed()}% = ${formatYuan(new Decimal(p.amount))}`);
      return `${zh ? '分担' : 'split'}: ${parts.join(' + ') || (zh ? '按现行财政体制（原文未给比例）' : 'per current fiscal regime (no shares in the text)')}`;
    }
  }
}

function splitSourceLine(c: ClauseResult, lang: Lang): string | undefined {
  const s = c.split?.source;
  if (!s) return undefined;
  const zh = lang === 'zh';
  if (s.kind === 'text') return `${zh ? '分担依据' : 'shares from'}: ${s.policy} ${s.clause ?? ''}${s.quote ? ` “${s.quote}”` : ''}${s.note ? ` — ${s.note}` : ''}`;
  if (s.kind === 'regime_file') return `${zh ? '分担依据（用户提供的财政体制文件）' : 'shares from the regime file'}: ${s.file} — ${s.title}; ${s.source}${s.note ? ` — ${s.note}` : ''}`;
  return `${zh ? '分担：按现行财政体制，原文未给比例' : 'shares: per current fiscal regime; the text gives none'} — ${s.policy} ${s.clause ?? ''}${s.quote ? ` “${s.quote}”` : ''}`;
}

export function explainClause(p: PolicyResult, c: ClauseResult, clause: Clause | undefined, lang: Lang): string {
  const m = catalogue(lang);
  const amount = c.amount ?? c.potential;
  const head = `■ ${docLabel(p, lang)} ${c.number}${c.part ? ' ' + c.part : ''} ${c.title} — ${m.status[c.status]}${amount ? ` ${formatYuan(amount)}` : ''}`;
  const lines = [head, ...p.trace.map((t) => '  ' + traceLine(t, lang)), ...c.trace.map((t) => '  ' + traceLine(t, lang))];
  if (c.missing.length) lines.push(`  ${m.words.missing}: ${c.missing.join(', ')}`);
  if (c.reason) lines.push(`  ${fill(m.reason[c.reason.code] ?? c.reason.code, { detail: c.reason.detail })}`);
  const src = splitSourceLine(c, lang);
  if (src) lines.push('  ' + src);
  const quote = clause ? (Array.isArray(clause.quote) ? clause.quote.join(' … ') : clause.quote) : '';
  lines.push(`  ${m.words.quote}（${p.docNumber ?? p.title} ${c.number}）: “${quote}”`);
  for (const n of c.notes) lines.push(`  ${m.words.note}: ${n}`);
  return lines.join('\n');
}

/** The working for every clause that carries an amount (or, with all, every clause). */
export function renderExplain(ev: Evaluation, set: RuleSet, lang: Lang, all = false): string {
  const clauses = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
  const out: string[] = [];
  for (const p of ev.policies) {
    if (p.applicability !== 'applies') {
      out.push(`■ ${docLabel(p, lang)} — ${catalogue(lang).status[p.applicability]}`, ...p.trace.map((t) => '  ' + traceLine(t, lang)));
      continue;
    }
    for (const c of p.clauses) if (all || SHOWN.has(c.status)) out.push(explainClause(p, c, clauses.get(c.clauseId), lang));
  }
  return out.join('\n\n') + '\n';
}
