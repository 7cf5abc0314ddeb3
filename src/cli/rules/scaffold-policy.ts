import type { NumberingStyle } from '../../schema/policy-schema.js';
import type { Region } from '../../schema/region-schema.js';
import { cnToInt, outline, type SourceItem } from '../../check/source-items.js';
import { guessDocument } from './scaffold-meta.js';

export interface ScaffoldInput {
  text: string;
  /** The source file's name in rules/sources/. */
  source: string;
  id: string;
  regions: readonly Region[];
}

export interface ScaffoldClause {
  id: string;
  number: string;
  section?: string;
  title: string;
  quote: string | string[];
}

export interface Scaffold {
  yaml: string;
  numbering: NumberingStyle[];
  clauses: ScaffoldClause[];
  /** Things the scaffold could not find, for the person running it. */
  warnings: string[];
}

const PREFIX: Record<NumberingStyle, string> = { paren_cn: 'p', arabic_dot: 'a', cn_comma: 'c', paren_arabic: 'n', article: 't' };

/** A heading's line is short and holds no sentence (一、壮大新电商产业生态); paragraphs under it may follow. */
function titleLike(it: SourceItem): boolean {
  return it.head.length <= 40 && !it.head.replace(/[。：:]$/, '').includes('。');
}

/**
 * Which items are clauses: every item of a style that has at least one item which is not
 * a heading. A style whose items group others under a title line (一、 over （一）) is a
 * heading level; its items are not clauses, and the unnumbered paragraphs under a heading
 * without numbered children (八、附则) become clauses numbered by the heading's title.
 */
function clauseItems(items: SourceItem[]): { declared: NumberingStyle[]; isHeading: (i: number) => boolean } {
  const hasChildren = new Set(items.map((it) => it.parent).filter((p): p is number => p !== undefined));
  const headingStyles = new Set(items.filter((it, i) => hasChildren.has(i) && titleLike(it)).map((it) => it.style));
  const isHeading = (i: number) => headingStyles.has(items[i]!.style) && titleLike(items[i]!);
  const declared: NumberingStyle[] = [];
  items.forEach((it, i) => {
    if (!isHeading(i) && !declared.includes(it.style)) declared.push(it.style);
  });
  return { declared, isHeading };
}

/**
 * A policy file to start from: one `todo` clause per numbered item (nested items are
 * clauses of their own), with its verbatim quote, and the document's title, issuer,
 * number, dates and place as found in the text, each marked for review.
 */
export function scaffoldPolicy(input: ScaffoldInput): Scaffold {
  const items = outline(input.text);
  const { declared, isHeading } = clauseItems(items);
  const warnings: string[] = [];
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = `${input.id}/${base}`;
    for (let k = 2; ids.has(id); k++) id = `${input.id}/${base}-${k}`;
    ids.add(id);
    return id;
  };
  const counts = new Map<string, number>();
  items.forEach((it) => declared.includes(it.style) && counts.set(it.key, (counts.get(it.key) ?? 0) + 1));
  const seen = new Map<string, number>();
  const clauses: ScaffoldClause[] = [];
  items.forEach((it, i) => {
    if (declared.includes(it.style)) {
      const n = (seen.get(it.key) ?? 0) + 1;
      seen.set(it.key, n);
      const digits = /\d+/.exec(it.key)?.[0] ?? String(cnToInt(it.key.replace(/[（）、第条]/g, '')) ?? i + 1);
      const repeated = (counts.get(it.key) ?? 0) > 1;
      clauses.push({
        id: uniqueId(`${declared.length > 1 ? PREFIX[it.style] : ''}${digits}`),
        number: printNumber(it, declared),
        ...(repeated ? { section: `第${n}组` } : {}),
        title: titleOf(it.head),
        quote: quoteOf(it.paragraphs.length ? it.paragraphs : [''], it),
      });
    } else if (isHeading(i) && !items.some((c) => c.parent === i) && it.paragraphs.length > 1) {
      const title = it.head.replace(/[。：:]$/, '');
      const n = /\d+/.exec(it.key)?.[0] ?? String(cnToInt(it.key.replace(/[（）、第条]/g, '')) ?? i + 1);
      it.paragraphs.slice(1).forEach((p) => clauses.push({ id: uniqueId(`h${n}`), number: title, title: `${title}：${titleOf(p)}`, quote: quoteOf([p], it) }));
    }
  });
  if (!clauses.length) warnings.push('no numbered items found: the text uses none of 一、 （一） 1. （1） 第一条 at the start of a line');
  const head = input.text.split(/\r?\n/).slice(0, items[0] ? items[0].line - 1 : 30);
  const doc = guessDocument(input.text, head, input.regions);
  if (!doc.region) warnings.push('no place of rules/regions.yaml is named in the text: fill in applies_to');
  if (!doc.validity.quote) warnings.push('no 施行/实施/有效期 sentence found: validity.from is a guess');
  return { yaml: render(input, declared, doc, clauses), numbering: declared, clauses, warnings };
}

/** Bare digits when 1. is the only arabic style (as the shipped rules write '4'); otherwise as printed. */
function printNumber(it: SourceItem, declared: NumberingStyle[]): string {
  return it.style === 'arabic_dot' && !declared.includes('paren_arabic') ? it.key.replace('.', '') : it.key;
}

function titleOf(head: string): string {
  const first = head.split(/[。；]/)[0]!.trim();
  if (first.length && first.length <= 30) return first;
  const s = head.trim();
  return s.length <= 24 ? s || '（无标题）' : `${s.slice(0, 20)}…`;
}

/** The item's paragraphs, verbatim; a paragraph too short to quote alone is joined to the one before. */
function quoteOf(paragraphs: string[], it: SourceItem): string | string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    if (out.length && p.length < 4) out[out.length - 1] += p;
    else out.push(p);
  }
  // A heading as short as 附则 is quoted with its number, as printed (八、附则).
  if (out[0]!.length < 4) out[0] = `${it.printed}${out[0]}`;
  return out.length === 1 ? out[0]! : out;
}

const q = (s: string) => JSON.stringify(s);

function render(input: ScaffoldInput, numbering: NumberingStyle[], doc: ReturnType<typeof guessDocument>, clauses: ScaffoldClause[]): string {
  const TODO = '  # TODO 核对';
  const lines = [
    '# yaml-language-server: $schema=../schema/policy.schema.json',
    `# Scaffolded by \`subsidy rules new\` from ${input.source}: one clause per numbered item, each \`status: todo\`.`,
    '# Encode each clause (status, beneficiary, when, award, caps, notes), check every field marked',
    '# TODO 核对 and remove it from `review`, then run `subsidy rules lint` and `subsidy rules coverage`.',
    `id: ${input.id}`,
    `title: ${q(doc.title)}${TODO}`,
    `issuer: ${q(doc.issuer)}${TODO}`,
    `doc_number: ${doc.docNumber === null ? 'null' : q(doc.docNumber)}${TODO}`,
    `source: ${input.source}`,
    `numbering: [${numbering.join(', ')}]`,
    `level: ${doc.level}${TODO}`,
    `status: ${doc.status}${TODO}`,
    `validity:${TODO}`,
    `  from: '${doc.validity.from}'`,
    `  to: ${doc.validity.to === null ? 'null' : `'${doc.validity.to}'`}`,
    ...(doc.validity.quote ? [`  quote: ${q(doc.validity.quote)}`] : []),
    // A start or end inside a year leaves a partly covered year: the schema asks how it is treated.
    ...(partlyCovered(doc.validity) ? ['  partial_year: { rule: majority, note: 待核对：原文未规定部分年度如何处理时，有效天数过半的年度按全年计 }'] : []),
    `applies_to: [${q(doc.region?.code ?? '待填')}]${TODO}${doc.region ? `：${doc.region.name}` : ''}`,
    `fiscal:${TODO}：原文规定的分担比例，或按现行财政体制（current_regime）`,
    '  otherwise: current_regime',
    'review: [title, issuer, doc_number, level, status, validity, applies_to, fiscal]',
    'clauses:',
  ];
  for (const c of clauses) {
    lines.push(`  - id: ${c.id}`, `    number: ${q(c.number)}`);
    if (c.section) lines.push(`    section: ${q(c.section)}`);
    lines.push(`    title: ${q(c.title)}`);
    if (Array.isArray(c.quote)) lines.push('    quote:', ...c.quote.map((p) => `      - ${q(p)}`));
    else lines.push(`    quote: ${q(c.quote)}`);
    lines.push('    status: todo', '');
  }
  return lines.join('\n');
}

function partlyCovered(v: { from: string; to: string | null }): boolean {
  const mid = (d: string, end: string) => !/^\d{4}$/.test(d) && !d.endsWith(end);
  return mid(v.from, '-01-01') || (v.to !== null && mid(v.to, '-12-31'));
}
