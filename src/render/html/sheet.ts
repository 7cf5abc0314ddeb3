import { missingDataReport } from '../../advice/missing-data.js';
import type { Evaluation, PolicyResult } from '../../engine/types.js';
import { catalogue, fill } from '../../i18n/messages.js';
import type { RuleSet } from '../../model/rule-set.js';
import { Decimal, formatYuan } from '../../money/decimal.js';
import type { Labels } from '../labels.js';
import { documentSteps } from '../render-explain.js';
import type { ReadingUse } from '../../reading-effects/readings-in-play.js';
import { sheetReadingLines, withoutReadings } from './readings-row.js';
import { amountColumnsUsed, amountKind, clauseRef, docLabel, hiddenCounts, levelsUsed, partialText, reportRows } from '../rows.js';
import { barChart, type BarKind } from './chart.js';
import { clauseSection, documentChecks, statusBadge, yuanText } from './clause-section.js';
import { html, type Html } from './html.js';

/** What the sheet shows beside the evaluation: fed from data, so a later reading or provenance record needs no new layout. */
export interface SheetMeta {
  /** The readings (how a text that can be read two ways was read) as they stood for this enterprise; undefined: not worked out. */
  readings?: ReadingUse[];
  /** Label and value pairs of the provenance record (tool, rules fingerprint, time …). */
  provenance?: string[][];
  /** A link back to the batch summary. */
  back?: { href: string };
  all?: boolean;
}

export const KIND_COLOURS: Record<string, string> = { sure: '#1f7a4d', ceiling: '#d69e2e', potential: '#8e63c9', setAside: '#a0a6ae' };

export function amountKinds(l: Labels, keys: readonly string[] = ['sure', 'ceiling', 'potential', 'setAside']): BarKind[] {
  const m = catalogue(l.lang);
  return keys.map((key) => ({ key, label: m.amountColumn[key]!, colour: KIND_COLOURS[key]! }));
}

function documentItem(p: PolicyResult, set: RuleSet, l: Labels): Html {
  const m = catalogue(l.lang);
  const s = m.sheet;
  const policy = set.policies.find((lp) => lp.policy.id === p.policyId)?.policy;
  const applicability = p.applicability === 'applies' ? s.applies! : m.status[p.applicability];
  const validity = policy ? `${s.validity} ${policy.validity.from} – ${policy.validity.to ?? s.openEnded}` : '';
  return html`<li>${docLabel(p, l.lang)} ${p.title !== docLabel(p, l.lang) ? p.title : ''} · ${p.draft ? m.words.draft : s.inForce} · ${validity} · ${statusBadge(p.applicability === 'applies' ? 'eligible' : p.applicability, applicability)}</li>`;
}

function header(ev: Evaluation, set: RuleSet, l: Labels, meta: SheetMeta): Html {
  const m = catalogue(l.lang);
  const w = m.words;
  const s = m.sheet;
  const e = ev.enterprise;
  const partial = ev.policies.filter((p) => p.partialYear).map((p) => `${docLabel(p, l.lang)}：${partialText(p.partialYear, e.year, l.lang)}`);
  const readings = meta.readings && set.readings.length ? sheetReadingLines(set, meta.readings, l) : [];
  // Each document's status is in the row of documents above, the readings in their own row: the provenance does not say them twice.
  const provenance = withoutReadings(meta.provenance, l)?.filter(([label]) => label !== w.provDocStatus);
  const none = html`<span class="placeholder">${s.readingsNone}</span>`;
  return html`<table class="meta"><tbody>
<tr><th>${w.enterprise}</th><td>${e.name ?? '—'}</td></tr>
<tr><th>${w.id}</th><td>${e.id ?? '—'}</td></tr>
<tr><th>${w.region}</th><td>${l.region(e.region)}（${e.region}）</td></tr>
<tr><th>${w.year}</th><td>${e.year}</td></tr>
<tr data-section="documents"><th>${s.documents}</th><td><ul>${ev.policies.map((p) => documentItem(p, set, l))}</ul></td></tr>
<tr><th>${s.partialYears}</th><td>${partial.length ? html`<ul>${partial.map((t) => html`<li>${t}</li>`)}</ul>` : none}</td></tr>
<tr data-section="readings"><th>${s.readings}</th><td>${readings.length ? html`<ul>${readings.map((r) => html`<li>${r}</li>`)}</ul>` : none}</td></tr>
<tr data-section="provenance"><th>${s.provenance}</th><td>${provenance?.length ? html`<ul>${provenance.map(([k, ...v]) => html`<li>${k}：${v.join(' · ')}</li>`)}</ul>` : html`<span class="placeholder">${s.provenanceNone}</span>`}</td></tr>
</tbody></table>`;
}

/** Sums of the set-aside amounts (excluded or superseded): the totals do not carry them, and they are never added to the others. */
export function setAsideTotal(ev: Evaluation): Decimal {
  let sum = new Decimal(0);
  for (const p of ev.policies) for (const c of p.clauses) if (amountKind(c) === 'setAside') sum = sum.plus(c.amount!);
  return sum;
}

function totalsBlock(ev: Evaluation, l: Labels): Html {
  const m = catalogue(l.lang);
  const w = m.words;
  const s = m.sheet;
  const t = ev.totals;
  const box = (cls: string, label: string, d: Decimal, extra = '') => {
    const [yuan, wan] = yuanText(d, l).split(/(?=（)/);
    return html`<div class="total ${cls}"><div class="label">${label}</div><div class="value">${yuan}</div><div class="wan">${wan ?? ''}${extra}</div></div>`;
  };
  const byLevel = Object.entries(t.byLevel).map(([k, v]) => html`<tr><td>${l.level(k)}</td><td class="num">${formatYuan(v!)}</td></tr>`);
  const excluded = ev.policies
    .filter((p) => p.exclusion)
    .map((p) => fill(w.excludedDocument!, { doc: docLabel(p, l.lang), detail: `${p.exclusion!.quote}（${clauseRef(p.exclusion!.clause, l.lang)}）` }));
  return html`<div class="totals">
${box('sure', w.sure!, t.sure)}
${box('ceiling', w.ceilings!, t.ceilings)}
${box('potential', w.pendingPotential!, t.pendingPotential, ` ${w.pending}：${t.needsData}`)}
${box('aside', s.setAside!, setAsideTotal(ev))}
</div>
${byLevel.length ? html`<table class="by-level"><thead><tr><th>${s.byLevel}</th><th class="num">${s.amount}</th></tr></thead><tbody>${byLevel}</tbody></table>` : ''}
${excluded.map((x) => html`<p class="s-excluded">${x}</p>`)}`;
}

function charts(ev: Evaluation, l: Labels): Html {
  const s = catalogue(l.lang).sheet;
  const groups = ev.policies.map((p) => {
    const values: Record<string, Decimal> = {};
    for (const c of p.clauses) {
      const kind = amountKind(c);
      if (!kind) continue;
      const v = kind === 'potential' ? c.potential! : c.amount!;
      values[kind] = (values[kind] ?? new Decimal(0)).plus(v);
    }
    return { label: docLabel(p, l.lang), values };
  });
  const levels = Object.entries(ev.totals.byLevel).map(([k, v]) => ({ label: l.level(k), values: { sure: v! } }));
  return html`${barChart(s.chartByDocument!, amountKinds(l), groups, s.chartEmpty!)}${barChart(s.chartByLevel!, amountKinds(l, ['sure']), levels, s.chartEmpty!)}`;
}

/** The clauses at a glance, grouped under their document (a row across the table), with links to their working. */
function overview(ev: Evaluation, l: Labels, anchors: Map<string, string>, all: boolean): Html {
  const m = catalogue(l.lang);
  const w = m.words;
  const rows = reportRows(ev, l, all);
  const kinds = amountColumnsUsed(rows);
  const levels = levelsUsed(ev);
  const span = 3 + kinds.length + levels.length;
  const body = rows.map((r, i) => {
    const a = r.clauseId ? anchors.get(r.clauseId) : undefined;
    const title = a ? html`<a href="#${a}">${r.title}</a>` : r.title;
    const group = r.document !== rows[i - 1]?.document ? html`<tr class="group"><th colspan="${span}">${r.document}</th></tr>` : '';
    return html`${group}<tr><td>${r.clause}</td><td>${title}</td><td>${statusBadge(r.statusCode, r.status)}</td>${kinds.map((k) => html`<td class="num">${r.amounts[k]}</td>`)}${levels.map((lv) => html`<td class="num">${r.shares[lv] ?? ''}</td>`)}</tr>`;
  });
  return html`<table class="overview"><thead><tr><th>${w.clause}</th><th>${w.title}</th><th>${w.status}</th>${kinds.map((k) => html`<th class="num">${m.amountColumn[k]}</th>`)}${levels.map((lv) => html`<th class="num">${l.level(lv)}</th>`)}</tr></thead><tbody>${body}</tbody></table>`;
}

function missingBlock(ev: Evaluation, set: RuleSet, l: Labels): Html {
  const m = catalogue(l.lang);
  const s = m.sheet;
  const missing = missingDataReport(set, ev, l);
  if (!missing.length) return html``;
  const rows = missing.map((f) => {
    const worth = f.unbounded ? fill(m.advice.unbounded!, { amount: formatYuan(f.upTo) }) : fill(m.advice.upTo!, { amount: formatYuan(f.upTo) });
    return html`<tr><td>${f.label}</td><td>${f.clauses.map((c) => l.clause(c)).join(l.lang === 'zh' ? '；' : '; ')}</td><td class="num">${worth}</td></tr>`;
  });
  return html`<h2>${s.missingFacts}</h2><table class="missing"><thead><tr><th>${s.fact}</th><th>${s.clauses}</th><th class="num">${s.upTo}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function notApplicable(ev: Evaluation, l: Labels, uses: ReadingUse[]): Html {
  const m = catalogue(l.lang);
  const out = ev.policies.filter((p) => p.applicability !== 'applies');
  if (!out.length) return html``;
  const item = (p: PolicyResult) =>
    html`<li><b>${docLabel(p, l.lang)}</b> ${statusBadge(p.applicability, m.status[p.applicability as 'not_in_force' | 'not_covered'])}<ul>${documentSteps(p, l, uses).map((t) => html`<li>${t}</li>`)}</ul></li>`;
  return html`<h2>${m.sheet.notApplicable}</h2><ul>${out.map(item)}</ul>`;
}

/** The clauses the sheet details: those with something to say (all of them with --all), as the table lists them. */
function detailed(ev: Evaluation, all: boolean) {
  const shown = new Set(['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded']);
  return ev.policies
    .filter((p) => p.applicability === 'applies')
    .flatMap((p) => p.clauses.filter((c) => (all || shown.has(c.status)) && (all || !p.exclusion || c.amount)).map((c) => ({ p, c })));
}

/** One enterprise's calculation sheet (计算书), as a section of a page. */
export function sheetSection(ev: Evaluation, set: RuleSet, l: Labels, meta: SheetMeta = {}, id?: string): Html {
  const m = catalogue(l.lang);
  const s = m.sheet;
  const all = Boolean(meta.all);
  const clauses = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
  const items = detailed(ev, all);
  const anchors = new Map(items.map(({ c }, i) => [c.clauseId, `${id ? id + '-' : ''}c${i + 1}`]));
  const e = ev.enterprise;
  const h = hiddenCounts(ev);
  const a = m.advice;
  const hidden = all
    ? []
    : [
        h.notEligible && fill(a.hiddenNotEligible!, { n: h.notEligible }),
        h.excluded && fill(a.hiddenExcluded!, { n: h.excluded }),
        h.info && fill(a.hiddenInfo!, { n: h.info }),
      ].filter(Boolean);
  return html`<section class="sheet"${id ? html` id="${id}"` : ''}>
${meta.back ? html`<nav><a href="${meta.back.href}">${s.back}</a></nav>` : ''}
<h1>${s.title} · ${e.name ?? e.id ?? l.region(e.region)}</h1>
<p class="sub">${l.region(e.region)} · ${m.words.year} ${e.year}</p>
${header(ev, set, l, meta)}
<h2>${s.totals}</h2>
${totalsBlock(ev, l)}
${charts(ev, l)}
<h2>${s.overview}</h2>
${overview(ev, l, anchors, all)}
${hidden.length ? html`<p class="placeholder">${fill(s.hidden!, { parts: hidden.join(l.lang === 'zh' ? '，' : ', ') })}</p>` : ''}
<h2>${s.details}</h2>
${items.map(({ p, c }, i) => html`${p !== items[i - 1]?.p ? documentChecks(p, l) : ''}${clauseSection(p, c, clauses.get(c.clauseId), l, anchors.get(c.clauseId)!, meta.readings)}`)}
${missingBlock(ev, set, l)}
${notApplicable(ev, l, meta.readings ?? [])}
</section>`;
}
