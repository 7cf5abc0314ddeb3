import { Command, Option } from 'commander';
import { runCommand } from './run-command.js';

/** Only wiring: each command's module is imported when that command runs, so start-up stays light. */
const program = new Command('subsidy')
  .description('电商奖补政策计算器 — e-commerce subsidy calculator (rules as data)')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

const lang = () => new Option('--lang <lang>', 'zh | en').choices(['zh', 'en']).default('zh');
const rules = () => new Option('--rules <dir>', 'rule directory (default: the shipped rules/)');
const regime = () => new Option('--regime <file>', 'fiscal regime file for policies that leave shares to 现行财政体制');

program
  .command('calc')
  .description('evaluate one enterprise file (YAML or JSON; - for stdin)')
  .argument('<file>')
  .option('--year <year>', 'data year (overrides the file)')
  .option('--region <region>', 'region code or name (overrides the file)')
  .addOption(new Option('--format <format>', 'table | json | csv | md').choices(['table', 'json', 'csv', 'md']).default('table'))
  .option('--explain', 'show conditions, arithmetic, shares and the quoted clause')
  .option('--all', 'also list clauses that are not eligible or carry no award')
  .addOption(lang())
  .addOption(rules())
  .addOption(regime())
  .action((file: string, opts) => runCommand(() => import('./commands/calc.js').then((m) => m.calc(file, opts)), opts.lang));

program
  .command('rules')
  .description('inspect the rule set: list | show <clause-id> | coverage | lint')
  .argument('<action>')
  .argument('[id]')
  .addOption(lang())
  .addOption(rules())
  .option('--format <format>', 'text | json', 'text')
  .action((action: string, id: string | undefined, opts) => runCommand(() => import('./commands/rules.js').then((m) => m.rulesCommand(action, id, opts)), opts.lang));

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
  .action((paths: string[], opts) => runCommand(() => import('./commands/test.js').then((m) => m.testCommand(paths, opts)), opts.lang));

program
  .command('schema')
  .description('write rules/schema/*.schema.json from the zod schemas (for editor completion)')
  .action(() => runCommand(() => import('./commands/emit-schema.js').then((m) => m.emitSchema())));

program.parseAsync(process.argv).catch((e: unknown) => {
  const code = (e as { exitCode?: number; code?: string }).exitCode;
  // commander already printed its message; help and version exit 0, usage errors exit 2.
  process.exit(code === 0 ? 0 : 2);
});
