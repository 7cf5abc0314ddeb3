import { parseDate } from '../../money/parse-amount.js';
import type { Region } from '../../schema/region-schema.js';
import { cnToInt } from '../../check/source-items.js';

/** What a scaffold guesses about a document from its text; every field is marked for review. */
export interface DocumentGuess {
  title: string;
  issuer: string;
  docNumber: string | null;
  status: 'in_force' | 'draft';
  level: 'city' | 'county';
  validity: { from: string; to: string | null; quote?: string };
  region?: Region;
}

const DOC_WORD = /(意见|办法|计划|方案|措施|通知|规定|细则|政策|决定)(（[^）]*）)?$/;
const DOC_NUMBER = /^\s*([\u4e00-\u9fa5]{1,12}〔\d{4}〕\d{1,4}号)\s*$/;
const ISSUER = /^(.{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|局))(?:文件)?$/;
const DATE_LINE = /^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$/;
const FROM = /自\s*(\d{4})\s*年\s*(\d{0,2})\s*月\s*(\d{0,2})\s*日起\s*(?:施行|实施|实行|执行)/;
const FROM_ISSUE = /自(?:发布|印发)之日起\s*(?:施行|实施|实行|执行)/;
const TO = /有效期至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const YEARS = /有效期\s*([一二三四五六七八九十\d]{1,3})\s*年/;

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Reads a document's title, issuer, number, status, dates and place from its text.
 * `head` is the text before the first numbered item (letterhead, title, preamble).
 */
export function guessDocument(text: string, head: string[], regions: readonly Region[]): DocumentGuess {
  const title = findTitle(head);
  const region = findRegion(title, text, regions);
  return {
    title,
    issuer: findIssuer(head, text, title, region),
    docNumber: head.map((l) => DOC_NUMBER.exec(l)?.[1]).find((x) => x !== undefined) ?? null,
    status: text.includes('征求意见稿') ? 'draft' : 'in_force',
    level: region && (region.kind === 'city' || region.kind === 'province') ? 'city' : 'county',
    validity: findValidity(text),
    region,
  };
}

function findTitle(head: string[]): string {
  const lines = head.map((l) => l.trim()).filter(Boolean);
  for (const l of lines) {
    const m = /关于印发《(.+?)》的通知/.exec(l);
    if (m) return squash(m[1]!);
  }
  const i = lines.findIndex((l) => l.includes('关于') && !/〔\d{4}〕/.test(l));
  if (i >= 0) {
    let title = squash(lines[i]!);
    // A title set over several lines: 关于促进……的 / 若干意见 / （征求意见稿）.
    for (let j = i + 1; j < lines.length && lines[j]!.length <= 20; j++) {
      if (DOC_WORD.test(title) && !/^[（(]/.test(lines[j]!)) break;
      title += squash(lines[j]!);
    }
    return title;
  }
  const quoted = lines.map((l) => /《(.+?)》/.exec(l)?.[1]).find((x) => x !== undefined);
  return squash(quoted ?? lines[0] ?? '');
}

function findIssuer(head: string[], text: string, title: string, region: Region | undefined): string {
  const own = (l: string) => ISSUER.exec(squash(l))?.[1];
  const tail = text.split(/\r?\n/).slice(-25);
  const line = [...head, ...tail].map(own).find((x) => x !== undefined);
  if (line) return line;
  const before = title.split('关于')[0];
  if (before && ISSUER.test(before)) return before;
  return region ? `${region.name}人民政府` : '';
}

/** The covered place: a region named in the title, else the one the text names most often. */
function findRegion(title: string, text: string, regions: readonly Region[]): Region | undefined {
  const byLength = [...regions].sort((a, b) => b.name.length - a.name.length);
  const inTitle = byLength.find((r) => title.includes(r.name));
  if (inTitle) return inTitle;
  let best: [Region, number] | undefined;
  for (const r of byLength) {
    const n = text.split(r.name).length - 1;
    if (n > 0 && (!best || n > best[1])) best = [r, n];
  }
  return best?.[0];
}

function findValidity(text: string): DocumentGuess['validity'] {
  const from = FROM.exec(text);
  const issued = FROM_ISSUE.exec(text);
  const start = from ?? issued;
  let fromDate: string | undefined;
  if (from) fromDate = from[2] && from[3] ? parseDate(`${from[1]}-${from[2]}-${from[3]}`) : from[1];
  else if (issued) {
    const d = text
      .split(/\r?\n/)
      .map((l) => DATE_LINE.exec(l))
      .find((m) => m !== null);
    if (d) fromDate = parseDate(`${d[1]}-${d[2]}-${d[3]}`);
  }
  fromDate ??= /〔(\d{4})〕/.exec(text)?.[1] ?? /(20\d\d)年/.exec(text)?.[1] ?? String(new Date().getUTCFullYear());
  const to = TO.exec(text);
  const years = YEARS.exec(text);
  let toDate: string | null = null;
  if (to) toDate = parseDate(`${to[1]}-${to[2]}-${to[3]}`) ?? null;
  else if (years && /^\d{4}-\d{2}-\d{2}$/.test(fromDate)) toDate = addYears(fromDate, Number(years[1]) || cnToInt(years[1]!) || 0);
  return {
    from: fromDate,
    to: toDate,
    quote: start
      ? sentence(
          text,
          start.index,
          [to, years].find((m) => m && m.index > start.index),
        )
      : undefined,
  };
}

/** The day before the same date N years later: five years from 2020-01-02 run to 2025-01-01. */
function addYears(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The verbatim stretch from the start of the sentence holding a match to the end of a later match on the same line. */
function sentence(text: string, at: number, until: RegExpExecArray | null | undefined): string {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const stop = Math.max(text.lastIndexOf('。', at), text.lastIndexOf('；', at), lineStart - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const firstStop = text.slice(at, lineEnd).search(/[，,。；]/);
  let end = firstStop < 0 ? lineEnd : at + firstStop;
  if (until && until.index + until[0].length <= lineEnd) end = until.index + until[0].length;
  // A sentence that is a whole numbered item ("17. 本意见自……") is quoted without its number.
  return text
    .slice(stop, end)
    .replace(/^\s*(\d{1,2}[.．]|[（(][一二三四五六七八九十\d]{1,4}[）)]|[一二三四五六七八九十]{1,4}、)\s*/, '')
    .trim();
}
