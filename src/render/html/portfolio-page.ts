import type { Evaluation } from '../../engine/types.js';
import { catalogue } from '../../i18n/messages.js';
import { Decimal, formatYuan } from '../../money/decimal.js';
import type { Labels } from '../labels.js';
import { amountKind, docLabel } from '../rows.js';
import { barChart } from './chart.js';
import { statusBadge, yuanText } from './clause-section.js';
import { html, type Html } from './html.js';
import { amountKinds } from './sheet.js';
import { withoutReadings } from './readings-row.js';

const LEVELS = ['province', 'city', 'local', 'unspecified'] as const;
const KINDS = ['sure', 'ceiling', 'potential', 'setAside'] as const;
type Kind = (typeof KINDS)[number];
const KIND_WORD: Record<Kind, string> = { sure: 'kindSure', ceiling: 'kindCeiling', potential: 'kindPotential', setAside: 'kindSetAside' };

interface DocTally {
  label: string;
  amounts: Record<Kind, Decimal>;
  /** Each level's part of the sure amounts. */
  levels: Map<string, Decimal>;
  enterprises: number;
}

/**
 * The batch's totals per document, per kind of amount and per level. Its size
 * is bounded by the rule set, not by the number of rows. The four kinds are
 * kept apart: a ceiling or a potential is never added to a sure amount.
 */
export class DocumentTotals {
  readonly docs = new Map<string, DocTally>();
  readonly totals: Record<Kind, Decimal> = { sure: new Decimal(0), ceiling: new Decimal(0), potential: new Decimal(0), setAside: new Decimal(0) };
  readonly levels = new Map<string, Decimal>();
  needsData = 0;

  add(ev: Evaluation, l: Labels): void {
    this.needsData += ev.totals.needsData;
    for (const p of ev.policies) {
      let d = this.docs.get(p.policyId);
      let touched = false;
      for (const c of p.clauses) {
        const kind = amountKind(c);
        if (!kind) continue;
        d ??= {
          label: docLabel(p, l.lang),
          amounts: { sure: new Decimal(0), ceiling: new Decimal(0), potential: new Decimal(0), setAside: new Decimal(0) },
          levels: new Map(),
          enterprises: 0,
        };
        const v = kind === 'potential' ? c.potential! : c.amount!;
        d.amounts[kind] = d.amounts[kind].plus(v);
        this.totals[kind] = this.totals[kind].plus(v);
        touched = true;
        if (kind !== 'sure') continue;
        // A sure amount whose text gives no shares is counted as not yet split (未定), as the totals do.
        const parts = c.split?.parts.length ? c.split.parts : [{ level: 'unspecified', amount: v }];
        for (const part of parts) {
          d.levels.set(part.level, (d.levels.get(part.level) ?? new Decimal(0)).plus(part.amount));
          this.levels.set(part.level, (this.levels.get(part.level) ?? new Decimal(0)).plus(part.amount));
        }
      }
      if (d && touched) {
        d.enterprises++;
        this.docs.set(p.policyId, d);
      }
    }
  }
}

export interface PortfolioMeta {
  input: string;
  rows: number;
  evaluated: number;
  errors: number;
  provenance?: string[][];
  /** The readings in force and how many enterprises each decided something for (ReadingTally.lines). */
  readings?: string[];
}

/** The top of the portfolio page: what was read, the totals, per document and level, and the charts. */
export function portfolioTop(t: DocumentTotals, meta: PortfolioMeta, l: Labels): Html {
  const m = catalogue(l.lang);
  const w = m.words;
  const s = m.sheet;
  const levels = LEVELS.filter((lv) => t.levels.has(lv));
  // The readings have a row of their own, by name: the provenance does not list them by id.
  const provenance = withoutReadings(meta.provenance, l);
  const box = (cls: string, label: string, d: Decimal, extra = '') => {
    const [yuan, wan] = yuanText(d, l).split(/(?=（)/);
    return html`<div class="total ${cls}"><div class="label">${label}</div><div class="value">${yuan}</div><div class="wan">${wan ?? ''}${extra}</div></div>`;
  };
  const docs = [...t.docs.values()];
  const docRows = docs.map(
    (d) =>
      html`<tr><td>${d.label}</td>${KINDS.map((k) => html`<td class="num">${formatYuan(d.amounts[k])}</td>`)}${levels.map((lv) => html`<td class="num">${formatYuan(d.levels.get(lv) ?? new Decimal(0))}</td>`)}<td class="num">${d.enterprises}</td></tr>`,
  );
  const sum = html`<tr class="group"><th>${w.total}</th>${KINDS.map((k) => html`<th class="num">${formatYuan(t.totals[k])}</th>`)}${levels.map((lv) => html`<th class="num">${formatYuan(t.levels.get(lv)!)}</th>`)}<th></th></tr>`;
  return html`<h1>${s.portfolioTitle}</h1>
<table class="meta"><tbody>
<tr><th>${w.file}</th><td>${meta.input}</td></tr>
<tr><th>${w.enterprises}</th><td>${meta.evaluated}</td></tr>
<tr><th>${w.errorRows}</th><td>${meta.errors}</td></tr>
<tr data-section="readings"><th>${s.readings}</th><td>${meta.readings?.length ? html`<ul>${meta.readings.map((r) => html`<li>${r}</li>`)}</ul>` : html`<span class="placeholder">${s.readingsNone}</span>`}</td></tr>
<tr data-section="provenance"><th>${s.provenance}</th><td>${provenance?.length ? html`<ul>${provenance.map(([k, ...v]) => html`<li>${k}：${v.join(' · ')}</li>`)}</ul>` : html`<span class="placeholder">${s.provenanceNone}</span>`}</td></tr>
</tbody></table>
<h2>${s.totals}</h2>
<div class="totals">
${box('sure', w.sure!, t.totals.sure)}
${box('ceiling', w.ceilings!, t.totals.ceiling)}
${box('potential', w.pendingPotential!, t.totals.potential, ` ${w.pending}：${t.needsData}`)}
${box('aside', s.setAside!, t.totals.setAside)}
</div>
<h2>${s.byDocument}</h2>
<p class="sub">${s.unitYuan}</p>
<table class="by-document"><thead><tr><th>${w.document}</th>${KINDS.map((k) => html`<th class="num">${s[KIND_WORD[k]]}</th>`)}${levels.map((lv) => html`<th class="num">${l.level(lv)}</th>`)}<th class="num">${s.count}</th></tr></thead><tbody>${docRows}${sum}</tbody></table>
${barChart(
  s.chartByDocument!,
  amountKinds(l),
  docs.map((d) => ({ label: d.label, values: d.amounts })),
  s.chartEmpty!,
)}
${barChart(
  s.chartByLevel!,
  amountKinds(l, ['sure']),
  levels.map((lv) => ({ label: l.level(lv), values: { sure: t.levels.get(lv)! } })),
  s.chartEmpty!,
)}
<h2>${s.enterprises}</h2>`;
}

/** The head of the table of enterprises: one line per input row, result or error. */
export function enterprisesHead(l: Labels): Html {
  const m = catalogue(l.lang);
  const w = m.words;
  return html`<table class="enterprises"><thead><tr><th class="num">${w.batchRow}</th><th>${w.id}</th><th>${w.name}</th><th>${w.region}</th><th>${w.year}</th><th class="num">${w.sure}</th><th class="num">${w.ceilings}</th><th class="num">${w.pendingPotential}</th><th class="num">${w.pending}</th><th>${w.note}</th></tr></thead><tbody>\n`;
}

export const enterprisesEnd = () => html`</tbody></table>\n`;

/** One evaluated enterprise: its totals, what barred or limited it; its name (or id) links to its sheet. */
export function enterpriseRow(row: number, ev: Evaluation, l: Labels, href: string, note: string): Html {
  const e = ev.enterprise;
  const t = ev.totals;
  const link = (text: string) => html`<a href="${href}">${text}</a>`;
  return html`<tr><td class="num">${row}</td><td>${e.name ? (e.id ?? '') : link(e.id ?? catalogue(l.lang).sheet.sheetLink!)}</td><td class="name">${e.name ? link(e.name) : ''}</td><td class="nowrap">${l.region(e.region)}</td><td>${e.year}</td><td class="num">${formatYuan(t.sure)}</td><td class="num">${formatYuan(t.ceilings)}</td><td class="num">${formatYuan(t.pendingPotential)}</td><td class="num">${t.needsData}</td><td class="note">${note}</td></tr>\n`;
}

/** An input row that could not be evaluated: every input row is in the report, with what was wrong. */
export function errorRow(row: number, cells: { id?: string; name?: string; region?: string; year?: string }, message: string, l: Labels): Html {
  const m = catalogue(l.lang);
  return html`<tr class="error"><td class="num">${row}</td><td>${cells.id ?? ''}</td><td class="name">${cells.name ?? ''}</td><td>${cells.region ?? ''}</td><td>${cells.year ?? ''}</td><td colspan="5">${statusBadge('error', m.words.error!)} ${message}</td></tr>\n`;
}
