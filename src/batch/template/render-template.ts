import type { RuleSet } from '../../model/rule-set.js';
import { Decimal } from '../../money/decimal.js';
import { parseAmount, parseBoolean } from '../../money/parse-amount.js';
import { csvLine } from '../../render/render-csv.js';
import { comparisons } from '../../rules/walk.js';
import type { Fact } from '../../schema/fact-schema.js';
import { FIXED_HEADERS } from '../convert/map-headers.js';
import { choiceLabels } from '../../input/enum-choices.js';
import { regionChain, resolveRegion } from '../../model/regions.js';
import { fieldFact } from '../../model/record-value.js';
import { catalogue, fill, type Lang } from '../../i18n/messages.js';

import { NOTES_MARK } from '../read/split-records.js';

/** First cell of the notes row: the one row batch skips as not data (see split-records.ts). */
export { NOTES_MARK };

const zh = (lang: Lang) => lang === 'zh';

/** How a value of each type is written, for the notes row and the YAML comments. */
function typeHint(f: Fact, lang: Lang): string {
  const z = zh(lang);
  // Choices are listed as an enum set is typed (；-separated): a label may itself hold a / (直播机构/MCN机构).
  const values = choiceLabels(f, z ? 'zh' : 'en').join(z ? '；' : '; ');
  switch (f.type) {
    case 'boolean':
      return z ? '是/否' : 'yes/no (是/否)';
    case 'enum':
      return (z ? '选一项：' : 'one of: ') + values;
    case 'enum_set':
      return (z ? '可多选，用；分隔：' : 'several, separated by ;: ') + values;
    case 'money_cny':
      return z ? '金额（元），可写 500万、1.2亿' : 'amount in CNY, e.g. 500万, 1.2亿';
    case 'money_usd':
      return z ? '美元金额，如 50万美元' : 'amount in US dollars, e.g. 50万美元';
    case 'money_list':
      return z ? '多笔金额用；分隔' : 'several amounts separated by ;';
    case 'ratio':
      return z ? '比例，如 12%' : 'a percentage, e.g. 12%';
    case 'date':
      return z ? '日期 YYYY-MM-DD' : 'date YYYY-MM-DD';
    case 'record_list':
      return fill(catalogue(lang).words.recordHint!, { order: (f.fields ?? []).map((x) => x.label[lang]).join('/') });
    default:
      return f.unit ? (z ? `数值（${f.unit}）` : `number (${f.unit})`) : z ? '数值' : 'number';
  }
}

function bound(v: number | string | undefined): Decimal | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' ? new Decimal(String(v)) : parseAmount(v)?.value;
}

/** A plausible number inside the fact's range, so the sample row passes validation. */
function inRange(f: Fact, preferred: number): string {
  let v = new Decimal(preferred);
  const min = bound(f.range?.min);
  const max = bound(f.range?.max);
  if (max && v.greaterThan(max)) v = max;
  if (min && v.lessThan(min)) v = min;
  return v.toFixed();
}

/**
 * The answer to each yes/no that a document-wide disqualifier tests (失信 → 否, 已取得资格 → 是),
 * so that the sample is not excluded; every other yes/no is answered 是.
 */
function safeAnswers(set: RuleSet): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const lp of set.policies)
    for (const ex of lp.policy.exclusions)
      for (const [c] of comparisons(ex.when, [])) {
        const bad = typeof c.value === 'boolean' ? c.value : parseBoolean(String(c.value));
        if (bad !== undefined && (c.op === '==' || c.op === '!=')) out.set(c.fact, c.op === '==' ? !bad : bad);
      }
  return out;
}

/** A sample value of the right type for every fact: it shows the formats and evaluates to some awards. */
export function sampleValue(f: Fact, safe: Map<string, boolean>): string {
  switch (f.type) {
    case 'boolean':
      return safe.get(f.id) === false ? '否' : '是';
    case 'enum':
    case 'enum_set':
      return f.values![0]!.zh;
    case 'money_cny':
      return '100万';
    case 'money_usd':
      return '10万美元';
    case 'money_list':
      return '10万；20万';
    case 'ratio':
      return `${new Decimal(inRange(f, 0.1)).times(100).toFixed()}%`;
    case 'date':
      return '2024-06-30';
    case 'record_list':
      return recordSample(f, safe);
    case 'count':
      return inRange(f, 10);
    case 'months':
      return inRange(f, 12);
    case 'area_m2':
      return inRange(f, 500);
    case 'area_mu':
      return inRange(f, 20);
    default:
      return inRange(f, 8);
  }
}

/** Two records in the compact form, each field a sample of its type (an enum by id when its label holds the / that separates values). */
function recordSample(f: Fact, safe: Map<string, boolean>): string {
  const item = (n: number) =>
    `${n}:` +
    (f.fields ?? [])
      .map((x) => {
        const v = sampleValue(fieldFact(f, x), safe);
        return v.includes('/') ? x.values![0]!.id : v;
      })
      .join('/');
  return `${item(1)}；${item(2)}`;
}

/** What the notes row says of a fact: its question and how to write it, or who supplies it when the applicant cannot know it. */
function noteOf(f: Fact, lang: Lang): string {
  const z = zh(lang);
  const blank = z ? '；不知道请留空' : '; leave blank if unknown';
  const who =
    f.supplied_by === 'authority' && f.supplier ? `${z ? '；' : '; '}${fill(catalogue(lang).words.authorityNote!, { who: f.supplier[lang] })}` : blank;
  return oneLine(`${z ? f.question.zh : f.question.en} [${typeHint(f, lang)}]${who}`);
}

/** A region and year some policy covers (the chosen region's, if any), so the sample row has something to show. */
function sampleWhere(set: RuleSet, chosen?: string): { region: string; year: string } {
  const at = chosen !== undefined ? resolveRegion(set, chosen) : undefined;
  const covers = (p: RuleSet['policies'][number]) => !at || p.policy.applies_to.some((c) => regionChain(set, at).includes(c));
  const lp = set.policies.find((p) => p.policy.status === 'in_force' && covers(p)) ?? set.policies.find(covers) ?? set.policies[0];
  if (at) return { region: set.regions.get(at)!.name, year: lp ? lp.policy.validity.from.slice(0, 4) : '' };
  const code = lp?.policy.applies_to[0];
  const region = (code && set.regions.get(code)?.name) ?? code ?? '';
  return { region, year: lp ? lp.policy.validity.from.slice(0, 4) : '' };
}

/** A clause paid by first-reached tiers: the usual reason to give history. */
function tieredClause(set: RuleSet): string {
  const clauses = set.policies.flatMap((p) => p.policy.clauses);
  const c = clauses.find((x) => x.award?.kind === 'tiers' && x.award.mode === 'first_reached') ?? clauses[0];
  return c?.id ?? '<clause-id>';
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');

/** Which columns a template has (all facts, or those template-facts.ts chose) and the sample row's region. */
export interface TemplateChoice {
  facts?: Fact[];
  region?: string;
}

/** The CSV template: fixed columns and one column per fact (Chinese label), a notes row and a sample row. */
export function templateCsv(set: RuleSet, lang: Lang, choice: TemplateChoice = {}): string {
  const facts = choice.facts ?? [...set.facts.values()];
  const z = zh(lang);
  const where = sampleWhere(set, choice.region);
  const header = [FIXED_HEADERS.id[1]!, FIXED_HEADERS.name[1]!, FIXED_HEADERS.region[1]!, FIXED_HEADERS.year[1]!, ...facts.map((f) => f.label.zh)];
  const notes = [
    NOTES_MARK,
    z ? '（本行为说明，以 # 开头，批量计算时跳过）企业名称' : '(this row is notes: it starts with # and batch skips it) name',
    z ? '地区名称或代码，如 兰溪市、330781' : 'region name or code, e.g. 兰溪市, 330781',
    z ? '数据年度，如 2024' : 'data year, e.g. 2024',
    ...facts.map((f) => noteOf(f, lang)),
  ];
  const safe = safeAnswers(set);
  const sample = [
    'E0001',
    z ? '示例企业（可删除本行）' : 'Sample enterprise (delete this row)',
    where.region,
    where.year,
    ...facts.map((f) => sampleValue(f, safe)),
  ];
  return '\uFEFF' + csvLine(header) + csvLine(notes) + csvLine(sample);
}

/** The YAML template: one record with every fact, its question as a comment, values left blank (unknown). */
export function templateYaml(set: RuleSet, lang: Lang, choice: TemplateChoice = {}): string {
  const z = zh(lang);
  const where = sampleWhere(set, choice.region);
  const chosen = choice.facts ? new Set(choice.facts.map((f) => f.id)) : undefined;
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    z
      ? '# subsidy batch 输入模板：一个列表，每项一家企业。留空 = 不知道（不会当作 0）。'
      : '# subsidy batch input: a list, one item per enterprise. Blank = unknown (never zero).',
    z
      ? '# 金额可写 5000000、500万、1.2亿；美元写 50万美元；比例写 12%；是/否。'
      : '# Amounts: 5000000, 500万, 1.2亿; US dollars: 50万美元; rates: 12%; yes/no: 是/否.',
    `- id: E0001`,
    `  name: ${q(z ? '示例企业' : 'Sample enterprise')}`,
    `  region: ${q(where.region)}`,
    `  year: ${where.year}`,
    '  facts:',
  ];
  let topic = '';
  for (const f of set.facts.values()) {
    if (chosen && !chosen.has(f.id)) continue;
    if (f.topic !== topic) lines.push(`    # ---- ${(topic = f.topic)}`);
    const who = f.supplied_by === 'authority' && f.supplier ? ` — ${fill(catalogue(lang).words.authorityNote!, { who: f.supplier[lang] })}` : '';
    lines.push(`    # ${oneLine(z ? f.question.zh : f.question.en)} [${f.label.zh}; ${typeHint(f, lang)}]${who}`, `    ${f.id}:`);
  }
  lines.push(
    z
      ? '  # 此前已获的奖励（首次达档、升级、累计上限、最长年限要用）：'
      : '  # Awards received before (first-reached tiers, upgrades, cumulative caps, year limits):',
    '  # history:',
    `  #   ${tieredClause(set)}: { highest_tier: 500万 }   # paid_total, years_paid, times_paid, highest_tier, level`,
  );
  return lines.join('\n') + '\n';
}
