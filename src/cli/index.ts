import { Command, Option } from 'commander';
import { runCommand } from './run-command.js';
import { quietEndOnFirstUse, writeStdout } from './stdout.js';

/** Only wiring: each command's module is imported when that command runs, so start-up stays light. */
const program = new Command('subsidy')
  .description('电商奖补政策计算器 — e-commerce subsidy calculator (rules as data)')
  .version('0.1.0')
  .showHelpAfterError()
  // Help goes out like every other output (src/cli/stdout.ts): quietly ended when the reader stops early.
  .configureOutput({ writeOut: (text) => writeStdout(text) })
  .exitOverride();

const lang = () => new Option('--lang <lang>', 'zh | en').choices(['zh', 'en']).default('zh');
const rules = () => new Option('--rules <dir>', 'rule directory (default: the shipped rules/)');
const regime = () => new Option('--regime <file>', 'fiscal regime file for policies that leave shares to 现行财政体制');
const collect = (v: string, acc: string[]) => [...acc, v];
const reading = () =>
  new Option('--reading <id=option>', 'read an ambiguous point of a text this way (repeatable; `subsidy rules readings` lists them)')
    .argParser(collect)
    .default([]);
const readings = () =>
  new Option('--readings <profile|file>', 'a set of readings: a profile of the rules (稳健, 宽松) or a YAML file { readings: { id: option } }');

program
  .command('calc')
  .description('evaluate one enterprise file (YAML or JSON; - for stdin)')
  .argument('[file]')
  .option('--interactive', 'answer questions in the terminal instead of reading a file (as `subsidy ask`)')
  .option('--year <year>', 'data year (overrides the file)')
  .option('--region <region>', 'region code or name (overrides the file)')
  .addOption(
    new Option('--format <format>', 'table | json | csv | md | html (default: from the --out extension, else table)').choices([
      'table',
      'json',
      'csv',
      'md',
      'html',
    ]),
  )
  .option('--out <file>', 'write to a file instead of stdout (- for stdout); html: a calculation sheet (计算书)')
  .option('--no-bom', 'CSV without the UTF-8 BOM Excel needs')
  .option('--explain', 'show conditions, arithmetic, shares and the quoted clause (csv: in a column of its own)')
  .option('--all', 'also list clauses that are not eligible or carry no award')
  .option('--set <fact=value>', 'what-if: replace a fact (repeatable; blank value = unknown)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--compare', 'with --set/--year/--region: show what changed against the file as written')
  .option('--hints', 'for each clause, the smallest increase of one figure that raises its award')
  .option('--missing', 'the facts that would decide "needs data" clauses, ranked by money they could unlock')
  .option('--ids', 'show rule ids (facts, clauses, levels) beside the names')
  .option('--range', 'the lowest and highest award, per clause and in total, across the readings that touch this enterprise')
  .option('--row <n>', 'the file is a batch table (.csv or .xlsx): evaluate its data row N (the 行号 of the batch report)')
  .option('--id <id>', 'the file is a batch table: evaluate the row with this enterprise id')
  .option('--sheet <name>', 'a workbook: the sheet to read (default: the first)')
  .option('--header-row <n>', 'a workbook: the row number of the header (default: found)')
  .addOption(lang())
  .addOption(rules())
  .addOption(regime())
  .addOption(reading())
  .addOption(readings())
  .action((file: string | undefined, opts) => runCommand(() => import('./commands/calc.js').then((m) => m.calc(file, opts)), opts.lang));

program
  .command('rules')
  .description('the rule set: list | show <clause-id> | readings | coverage | lint | new <source.txt> --id <policy-id>')
  .argument('<action>')
  .argument('[id]')
  .addOption(lang())
  .addOption(rules())
  .addOption(regime())
  .option('--format <format>', 'text | json', 'text')
  .option('--id <policy-id>', 'new: the id of the policy to scaffold')
  .option('--out <file>', 'new: write the scaffold here (default: stdout)')
  .action((action: string, id: string | undefined, opts) =>
    runCommand(() => import('./commands/rules.js').then((m) => m.rulesCommand(action, id, opts)), opts.lang),
  );

program
  .command('test')
  .description('run YAML example cases (default: examples/); prints "N passed, N failed"')
  .argument('[paths...]')
  .option('--filter <text>', 'only cases whose name contains the text')
  .option('--keyword <kw...>', 'only cases with one of these keywords')
  .option('--junit <file>', 'also write JUnit XML')
  .addOption(new Option('--format <format>', 'text | json').choices(['text', 'json']).default('text'))
  .addOption(lang())
  .addOption(rules())
  .addOption(regime())
  .addOption(reading())
  .addOption(readings())
  .action((paths: string[], opts) => runCommand(() => import('./commands/test.js').then((m) => m.testCommand(paths, opts)), opts.lang));

program
  .command('diff')
  .description('show which awards changed between two `calc --format json` result files')
  .argument('<before>')
  .argument('<after>')
  .addOption(new Option('--format <format>', 'text | json').choices(['text', 'json']).default('text'))
  .addOption(lang())
  .addOption(rules())
  .option('--ids', 'show clause ids beside the names')
  .action((a: string, b: string, opts) => runCommand(() => import('./commands/diff.js').then((m) => m.diffCommand(a, b, opts)), opts.lang));

program
  .command('verify')
  .description('recompute a `calc --format json` result with the current rules: exit 0 it holds, 1 rules, input or figures changed, 2 not a usable result')
  .argument('<result>')
  .argument('[input]', 'the input file (default: the input recorded in the result); its hash is checked against the recorded one')
  .addOption(new Option('--format <format>', 'text | json').choices(['text', 'json']).default('text'))
  .addOption(lang())
  .addOption(rules())
  .addOption(regime())
  .action((result: string, input: string | undefined, opts) =>
    runCommand(() => import('./commands/verify.js').then((m) => m.verifyCommand(result, input, opts)), opts.lang),
  );

program
  .command('ask')
  .description('interactive interview: only the questions that matter, then the itemised result; saves the answers for calc')
  .option('--region <region>', 'region code or name (skips that question)')
  .option('--year <year>', 'data year (skips that question)')
  .addOption(lang())
  .addOption(rules())
  .addOption(regime())
  .addOption(reading())
  .addOption(readings())
  .action((opts) => runCommand(() => import('./commands/ask.js').then((m) => m.ask(opts)), opts.lang));

program
  .command('batch')
  .description('evaluate many enterprises: an Excel workbook (.xlsx), CSV (UTF-8 or GBK), a YAML list, or JSON Lines; - for stdin')
  .argument('<file>')
  .option(
    '--out <file>',
    'write the full report: .csv (one row per enterprise × clause), .jsonl, .md, .xlsx (sheets 汇总, 明细, 待补资料, 说明), .html (one page), a directory (a page per enterprise and index.html); - for stdout',
  )
  .addOption(
    new Option(
      '--format <format>',
      'report format (default: from the --out extension); without --out the report goes to stdout and only the totals to stderr',
    ).choices(['csv', 'jsonl', 'md', 'xlsx', 'html']),
  )
  .addOption(new Option('--input-format <format>', 'input format (default: from the extension or the content)').choices(['csv', 'yaml', 'jsonl', 'xlsx']))
  .option('--sheet <name>', 'a workbook: the sheet to read (default: the first)')
  .option(
    '--header-row <n>',
    'a workbook: the row number of the header (default: the first row that is not blank; a two-row header with merged cells is found by itself)',
  )
  .option('--encoding <encoding>', 'utf8 | gbk | gb18030 (default: detected)')
  .option('--history <file>', 'award history: CSV (enterprise id, clause id, field, value) or YAML (id → history)')
  .option('--limit <n>', 'enterprises listed on the terminal', '50')
  .option('--no-bom', 'CSV report without the UTF-8 BOM Excel needs')
  .option('--region <region>', 'region for rows that give none')
  .option('--year <year>', 'data year for rows that give none')
  .option('--hints', 'next-tier hints per enterprise (report column) and the clauses most often nearly reached (slower: re-runs the engine per hint)')
  .option('--summary <file>', 'also write a per-enterprise summary CSV: sure, ceilings, pending potential, exclusions, documents not or partly in force')
  .option('--ids', 'show rule ids (facts, clauses, levels) beside the names')
  .option('--range', 'add the lowest and highest sure amount across the readings that touch each enterprise (report columns, portfolio totals)')
  .addOption(lang())
  .addOption(rules())
  .addOption(regime())
  .addOption(reading())
  .addOption(readings())
  .action((file: string, opts) => runCommand(() => import('./commands/batch.js').then((m) => m.batch(file, opts)), opts.lang));

program
  .command('template')
  .description('write an input template: CSV (UTF-8 with BOM, one column per fact) or YAML')
  .option('--out <file>', 'file to write (default: stdout)')
  .option('--force', 'replace --out if it exists (it may be a template someone has filled in)')
  .option('--region <region>', 'only the columns the documents covering this region read (a name, short name or code)')
  .option('--policy <document>', 'only the columns this document reads: its id, number or short title (repeatable)', collect, [] as string[])
  .option('--kind <kinds>', 'only the columns read by clauses for these kinds of entity (主体类型, separated by ；) and by clauses for anyone')
  .addOption(new Option('--format <format>', 'csv | yaml (default: from the --out extension, else csv)').choices(['csv', 'yaml']))
  .addOption(lang())
  .addOption(rules())
  .action((opts) => runCommand(() => import('./commands/template.js').then((m) => m.template(opts)), opts.lang));

program
  .command('schema')
  .description('write rules/schema/*.schema.json from the zod schemas (for editor completion)')
  .action(() => runCommand(() => import('./commands/emit-schema.js').then((m) => m.emitSchema())));

// A reader that stops early (`subsidy calc … | head`) ends output quietly, as other Unix tools do.
quietEndOnFirstUse();

program.parseAsync(process.argv).catch((e: unknown) => {
  const code = (e as { exitCode?: number; code?: string }).exitCode;
  // commander already printed its message; help and version exit 0, usage errors exit 2.
  process.exit(code === 0 ? 0 : 2);
});
