import { closeSync, existsSync, mkdirSync, rmdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { catalogue } from '../../i18n/messages.js';
import type { RuleSet } from '../../model/rule-set.js';
import type { Labels } from '../../render/labels.js';
import type { Html } from '../../render/html/html.js';
import { pageEnd, pageStart } from '../../render/html/page.js';
import { DocumentTotals, enterpriseRow, enterprisesEnd, enterprisesHead, errorRow, portfolioTop } from '../../render/html/portfolio-page.js';
import { sheetSection, type SheetMeta } from '../../render/html/sheet.js';
import { ReadingTally } from '../../render/html/readings-row.js';
import { enterpriseLine, errorText, type BatchTotals, type Outcome } from './batch-report.js';
import { AtomicOutput, StdoutOutput, type ReportOutput } from './write-report.js';
import { checkTarget } from '../../output/protected-paths.js';
import { removeTemp, trackTemp, untrackTemp } from '../../output/temp-files.js';

/** `--out` for HTML: a single page (stdout, or a file ending in .html), else a directory of pages and index.html. */
export const isHtmlFile = (out: string) => out === '-' || /^\.html?$/i.test(extname(out));

/**
 * Lines of the enterprise table, kept in a file until the end (the totals and
 * charts above them are known only then): memory stays flat however many rows.
 */
class Spool {
  private fd: number;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  write(h: Html): void {
    const b = Buffer.from(h.text);
    for (let done = 0; done < b.length; ) done += writeSync(this.fd, b, done);
  }
  /** Hands the spooled text on in blocks, then removes the file. */
  drain(to: (b: Uint8Array) => void): void {
    closeSync(this.fd);
    const fd = openSync(this.file, 'r');
    const buf = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) to(buf.subarray(0, n).slice());
    closeSync(fd);
    rmSync(this.file, { force: true });
  }
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.file, { force: true });
  }
}

/** A page name from the row number and, where it is plain, the enterprise id: 0007-LX-001.html. */
export function pageName(row: number, id: string | undefined): string {
  const safe = (id ?? '')
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${String(row).padStart(4, '0')}${safe ? '-' + safe : ''}.html`;
}

/**
 * `batch --format html`: one calculation sheet per enterprise and a portfolio
 * page. To a directory: the pages are written into a temporary directory inside
 * it and moved in when the batch ends (an interrupted batch leaves the directory
 * as it was). To stdout or an .html file: one page holding every sheet, then the
 * portfolio. Either way every input row is in the portfolio's table, as a
 * result or with its error.
 */
export class HtmlReport {
  private readonly tally = new DocumentTotals();
  private readonly readings = new ReadingTally();
  private readonly spool: Spool;
  private readonly pages: string[] = [];
  private readonly l: Labels;
  /** The provenance shown on each sheet (label and values), set before the first row. */
  provenance?: string[][];

  private constructor(
    private readonly set: RuleSet,
    labels: Labels,
    private readonly input: string,
    private readonly single: ReportOutput | undefined,
    private readonly dir: { target: string; tmp: string; inputs: string[]; created?: string } | undefined,
    private readonly scratch: string,
  ) {
    this.l = labels;
    this.spool = new Spool(join(scratch, 'enterprises.part'));
    if (single) single.write(pageStart(catalogue(labels.lang).sheet.portfolioTitle!, labels.lang).text + this.toPortfolioLink());
  }

  static open(out: string, inputs: string[], set: RuleSet, l: Labels, input: string): HtmlReport {
    if (isHtmlFile(out)) {
      const single = out === '-' ? new StdoutOutput() : AtomicOutput.open(out, inputs);
      return new HtmlReport(set, l, input, single, undefined, scratchDir(tmpdir()));
    }
    if (existsSync(out) && !statSync(out).isDirectory())
      throw SubsidyError.of(
        'USAGE',
        { detail: `${out} is a file: --format html writes a directory (or give a name ending in .html for one page)` },
        { field: '--out' },
      );
    // The same refusals as for a report file (an input, a device, the rule directory), checked before anything is made.
    checkTarget(join(out, 'index.html'), inputs);
    let created: string | undefined;
    try {
      // The directories made here go again if the batch stops: a refused input leaves nothing behind.
      created = mkdirSync(out, { recursive: true });
      const tmp = scratchDir(out);
      return new HtmlReport(set, l, input, undefined, { target: out, tmp, inputs, created }, tmp);
    } catch (e) {
      if (created) removeEmpty(out, created);
      throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: out });
    }
  }

  get target(): string {
    return this.dir ? join(this.dir.target, 'index.html') : (this.single?.target ?? '');
  }

  private toPortfolioLink(): string {
    return `<nav><a href="#portfolio">${catalogue(this.l.lang).sheet.toPortfolio}</a></nav>\n`;
  }

  row(o: Outcome): void {
    if (o.kind === 'error') {
      const c = o.conv;
      this.spool.write(errorRow(o.row, { id: c.id, name: c.name, region: c.region, year: c.year }, errorText(c.findings, this.l.lang), this.l));
      return;
    }
    this.tally.add(o.ev, this.l);
    this.readings.add(o.readings);
    const line = enterpriseLine(o, this.l);
    const note = [line.excluded, line.validity].filter(Boolean).join(this.l.lang === 'zh' ? '；' : '; ');
    if (this.dir) {
      const name = pageName(o.row, o.ev.enterprise.id);
      const meta: SheetMeta = { back: { href: 'index.html' }, provenance: this.provenance, readings: o.readings };
      writeFileSync(join(this.dir.tmp, name), pageHtml(this.set, this.l, o, meta));
      this.pages.push(name);
      this.spool.write(enterpriseRow(o.row, o.ev, this.l, name, note));
    } else {
      const id = `row-${o.row}`;
      this.single!.write(
        sheetSection(o.ev, this.set, this.l, { back: { href: '#portfolio' }, provenance: this.provenance, readings: o.readings }, id).text + '\n',
      );
      this.spool.write(enterpriseRow(o.row, o.ev, this.l, `#${id}`, note));
    }
  }

  /** Writes the portfolio (totals, charts, then the spooled table) and puts everything in place. */
  commit(totals: BatchTotals, provenance?: string[][]): void {
    const top = portfolioTop(
      this.tally,
      { input: this.input, rows: totals.rows, evaluated: totals.evaluated, errors: totals.errors, provenance, readings: this.readings.lines(this.set, this.l) },
      this.l,
    );
    if (this.single) {
      const out = this.single;
      out.write(`<section class="portfolio" id="portfolio">\n${top.text}${enterprisesHead(this.l).text}`);
      this.spool.drain((b) => out.write(b));
      out.write(`${enterprisesEnd().text}</section>\n${pageEnd(this.l.lang).text}`);
      out.commit();
      dropScratch(this.scratch);
      return;
    }
    const d = this.dir!;
    const index = join(d.tmp, 'index.html');
    const fd = openSync(index, 'w');
    const put = (b: Uint8Array | string) => {
      const buf = typeof b === 'string' ? Buffer.from(b) : b;
      for (let done = 0; done < buf.length; ) done += writeSync(fd, buf, done);
    };
    put(pageStart(catalogue(this.l.lang).sheet.portfolioTitle!, this.l.lang).text + top.text + enterprisesHead(this.l).text);
    this.spool.drain(put);
    put(enterprisesEnd().text + pageEnd(this.l.lang).text);
    closeSync(fd);
    const names = [...this.pages, 'index.html'];
    // Nothing is moved in unless every page may go where it goes (not over an input, not over a directory or device).
    for (const name of names) checkTarget(join(d.target, name), d.inputs);
    // Pages first, the index last: an index never links to a page that is not there yet.
    for (const name of names) renameSync(join(d.tmp, name), join(d.target, name));
    dropScratch(d.tmp);
  }

  abort(): void {
    this.spool.abort();
    this.single?.abort();
    dropScratch(this.scratch);
    if (this.dir?.created) removeEmpty(this.dir.target, this.dir.created);
  }
}

/**
 * A working directory for the pages (or the spooled table), tracked like a
 * temporary report: a signal that stops the run removes it (temp-files.ts).
 */
function scratchDir(parent: string): string {
  const dir = mkdtempSync(join(parent, `.subsidy-html-${process.pid}-`));
  trackTemp(dir);
  return dir;
}

function dropScratch(dir: string): void {
  removeTemp(dir);
  untrackTemp(dir);
}

/** Removes `dir` and its parents up to `top` (the first directory mkdir made), each only if empty. */
function removeEmpty(dir: string, top: string): void {
  for (let d = resolve(dir); ; d = resolve(d, '..')) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === resolve(top)) return;
  }
}

function pageHtml(set: RuleSet, l: Labels, o: Extract<Outcome, { kind: 'ok' }>, meta: SheetMeta): string {
  const e = o.ev.enterprise;
  const title = `${catalogue(l.lang).sheet.title} · ${e.name ?? e.id ?? String(o.row)}`;
  return `${pageStart(title, l.lang).text}${sheetSection(o.ev, set, l, meta).text}\n${pageEnd(l.lang).text}`;
}
