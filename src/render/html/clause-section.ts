import type { ClauseResult, PolicyResult } from '../../engine/types.js';
import { catalogue } from '../../i18n/messages.js';
import type { Clause } from '../../schema/policy-schema.js';
import { formatYuan, type Decimal } from '../../money/decimal.js';
import type { Labels } from '../labels.js';
import { exactNumber } from '../render-term.js';
import { explainParts, traceLine } from '../render-explain.js';
import type { ReadingUse } from '../../reading-effects/readings-in-play.js';
import { amountKind, clauseRef, docLabel } from '../rows.js';
import { html, lines, type Html } from './html.js';
import { inputsUsed } from './inputs-used.js';

/** 218,000.00 元（21.8万元）: 万元 only for Chinese readers and from 10,000 on. */
export function yuanText(d: Decimal, l: Labels): string {
  const s = catalogue(l.lang).sheet;
  const wan = l.lang === 'zh' && d.abs().greaterThanOrEqualTo(10000) ? `（${d.div(10000).toDecimalPlaces(4).toFixed()}${s.wan}）` : '';
  return `${formatYuan(d)} ${s.yuan}${wan}`;
}

export const colon = (l: Labels) => (l.lang === 'zh' ? '：' : ': ');

export const statusBadge = (code: string, text: string): Html => html`<span class="badge s-${code}">${text}</span>`;

export function clauseHeading(p: PolicyResult, c: Pick<ClauseResult, 'number' | 'part' | 'title'>, l: Labels): string {
  return `${docLabel(p, l.lang)} ${clauseRef(c.number, l.lang)}${c.part ? ' ' + c.part : ''} ${c.title}`;
}

/** The figure of a clause under the name of its kind (sure, ceiling, potential, set aside): never a bare number. */
function amountLine(c: ClauseResult, l: Labels): Html {
  const kind = amountKind(c);
  if (!kind) return html``;
  const value = kind === 'potential' ? c.potential! : c.amount!;
  return html` <span class="amount">${catalogue(l.lang).amountColumn[kind]}${colon(l)}${yuanText(value, l)}</span>`;
}

function splitTable(c: ClauseResult, l: Labels): Html {
  const s = catalogue(l.lang).sheet;
  if (c.status !== 'eligible' || !c.split?.parts.length) return html``;
  const rows = c.split.parts.map(
    (p) => html`<tr><td>${l.level(p.level)}</td><td class="num">${exactNumber(p.share.times(100))}%</td><td class="num">${formatYuan(p.amount)}</td></tr>`,
  );
  return html`<table class="split"><thead><tr><th>${s.level}</th><th class="num">${s.share}</th><th class="num">${s.amount}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * One clause of the calculation sheet: its status and figure, who pays, the
 * verbatim quote, the inputs it read, the working step by step (the same
 * lines as --explain: true arithmetic with the values used), and the notes.
 */
/** The document's own checks (validity, region, disqualifiers), said once before its clauses: they hold for each of them. */
export function documentChecks(p: PolicyResult, l: Labels): Html {
  const s = catalogue(l.lang).sheet;
  return html`<article class="clause document-checks">
<h3>${docLabel(p, l.lang)} ${p.title !== docLabel(p, l.lang) ? p.title : ''}</h3>
<h4>${s.documentChecks}</h4><ol class="working">${p.trace.map((t) => html`<li class="k-${t.kind}">${traceLine(t, l)}</li>`)}</ol>
</article>`;
}

export function clauseSection(p: PolicyResult, c: ClauseResult, clause: Clause | undefined, l: Labels, anchor: string, uses: ReadingUse[] = []): Html {
  const m = catalogue(l.lang);
  const s = m.sheet;
  const x = explainParts(p, c, clause, l, uses, false);
  const status = c.status === 'info' ? m.ruleStatus[c.ruleStatus]! : m.status[c.status];
  const inputs = inputsUsed(p, c, l);
  const inputRows = inputs.map((i) => html`<tr><th>${i.label}</th><td>${i.value ?? html`<span class="placeholder">${s.notGiven}</span>`}</td></tr>`);
  const notes = [...(x.note ? [x.note] : []), ...x.notes];
  return html`<article class="clause" id="${anchor}">
<h3>${clauseHeading(p, c, l)}</h3>
<div>${statusBadge(c.status, status)}${amountLine(c, l)}</div>
${splitTable(c, l)}
<h4>${s.quote}</h4><blockquote>${lines(x.quote)}</blockquote>
${inputs.length ? html`<h4>${s.inputsUsed}</h4><table class="inputs"><tbody>${inputRows}</tbody></table>` : ''}
<h4>${s.working}</h4><ol class="working">${x.steps.map((st) => html`<li class="k-${st.kind}">${st.text}</li>`)}${x.readings.map((r) => html`<li class="k-reading">${r}</li>`)}</ol>
${x.split ? html`<p class="who">${x.split}</p>` : ''}
${notes.length ? html`<h4>${m.words.note}</h4><ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
</article>`;
}
