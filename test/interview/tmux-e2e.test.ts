import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { shippedRules } from '../helpers/mini-rules.js';
import type { Fact } from '../../src/schema/fact-schema.js';
import { factOf, historyPromptOf } from './fake-prompts.js';
import { exampleAnswers } from './lanxi-answers.js';

/**
 * `subsidy ask` in a real terminal: tmux runs the built CLI in a pane, the
 * test types with send-keys and reads the screen with capture-pane. CI
 * machines without tmux skip this file with a message.
 */
// SUBSIDY_TEST_TMUX names another binary, e.g. a missing one to see the skip.
const TMUX = process.env.SUBSIDY_TEST_TMUX ?? 'tmux';
const HAS_TMUX = spawnSync(TMUX, ['-V']).status === 0;
if (!HAS_TMUX) console.warn(`tmux-e2e: skipped, ${TMUX} is not installed (apt-get install -y tmux)`);

// A private server on a socket of our own, removed afterwards.
const SOCKET_DIR = HAS_TMUX ? mkdtempSync(join(tmpdir(), 'subsidy-tmux-socket-')) : '';
const tmux = (...args: string[]) => spawnSync(TMUX, ['-S', join(SOCKET_DIR, 'socket'), ...args], { encoding: 'utf8' });
const pane = () => tmux('capture-pane', '-p', '-J', '-S', '-5000', '-t', 'e2e').stdout;
const keys = (...k: string[]) => tmux('send-keys', '-t', 'e2e', ...k);
const text = (s: string) => tmux('send-keys', '-t', 'e2e', '-l', s);

async function waitFor(re: RegExp, ms = 10000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const screen = pane();
    if (re.test(screen)) return screen;
    if (Date.now() > end) throw new Error(`timed out waiting for ${re}; screen:\n${screen}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the CLI in a fresh pane; its exit code lands in a file so the test can wait for it. */
function start(args: string, env = 'env -u CI NO_COLOR=1'): string {
  const dir = mkdtempSync(join(SOCKET_DIR, 'run-'));
  const cmd = `${env} ${process.execPath} bin/subsidy.js ${args}; echo $? > ${dir}/exit; sleep 120`;
  const r = tmux('new-session', '-d', '-s', 'e2e', '-x', '220', '-y', '60', '-c', ROOT, cmd);
  if (r.status !== 0) throw new Error(`tmux failed: ${r.stderr}`);
  return dir;
}

async function exitCode(dir: string, ms = 10000): Promise<number> {
  const end = Date.now() + ms;
  while (!existsSync(join(dir, 'exit')) || !readFileSync(join(dir, 'exit'), 'utf8').trim()) {
    if (Date.now() > end) throw new Error(`no exit; screen:\n${pane()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Number(readFileSync(join(dir, 'exit'), 'utf8'));
}

/** The active prompt is the last line drawn with the "?" prefix. */
function activePrompt(screen: string): string {
  return (
    screen
      .split('\n')
      .filter((l) => l.startsWith('? '))
      .pop() ?? ''
  );
}

function answer(fact: Fact, want: string | string[] | undefined): void {
  const labels = fact.type === 'boolean' ? ['是', '否'] : (fact.values ?? []).map((v) => v.zh);
  if (fact.type === 'enum_set') {
    for (const l of labels) keys(...(want?.includes(l) ? ['Space', 'Down'] : ['Down']));
  } else if (fact.type === 'boolean' || fact.type === 'enum') {
    const at = typeof want === 'string' ? labels.indexOf(want) + 1 : 0; // skip is first, where the cursor starts
    for (let i = 0; i < at; i++) keys('Down');
  } else if (typeof want === 'string') text(want);
  keys('Enter');
}

describe.skipIf(!HAS_TMUX)('subsidy ask in a real terminal (tmux)', () => {
  afterEach(() => void tmux('kill-session', '-t', 'e2e'));
  afterAll(() => rmSync(SOCKET_DIR, { recursive: true, force: true }));

  it('a Lanxi cross-border seller: search, answer, re-ask a bad amount, see the table, save, calc reads it back', async () => {
    const set = shippedRules();
    const dir = start('ask --year 2023');
    const saved = join(dir, 'answers.yaml');
    await waitFor(/企业所在地区/);
    text('兰溪');
    await waitFor(/❯ 兰溪市 \(330781\)/);
    keys('Enter');
    const answers = exampleAnswers();
    let reasked = false;
    for (let n = 1; ; n++) {
      const screen = await waitFor(new RegExp(`\\? \\(${n}/|以往领取情况|保存为输入文件`));
      if (!new RegExp(`\\? \\(${n}/`).test(screen)) break;
      const fact = factOf(set, activePrompt(screen));
      if (!fact) throw new Error(`question ${n} not recognised:\n${screen}`);
      if (fact.id === 'online_sales') {
        text('很多');
        keys('Enter');
        await waitFor(/BAD_VALUE.*很多/);
        keys('BSpace', 'BSpace');
        reasked = true;
      }
      answer(fact, answers[fact.id]);
    }
    expect(reasked).toBe(true);
    // What was received before: 否 to each clause, except 是 and one year paid for lanxi-2022/3.
    const histories: string[] = [];
    for (let k = 1; ; k++) {
      const screen = await waitFor(new RegExp(`\\? \\(${k}/\\d+\\) 此前是否已按|保存为输入文件`));
      if (!new RegExp(`\\? \\(${k}/\\d+\\) 此前是否已按`).test(screen)) break;
      const h = historyPromptOf(set, activePrompt(screen));
      if (!h) throw new Error(`history question ${k} not recognised:\n${screen}`);
      histories.push(h.clause);
      expect(
        screen
          .split('\n')
          .filter((l) => l.startsWith('❯'))
          .pop(),
      ).toContain('跳过'); // the cursor starts on skip
      if (h.clause === 'lanxi-2022/3') {
        keys('Down', 'Enter');
        await waitFor(/此前已领取过几年/);
        text('1');
      } else keys('Down', 'Down');
      keys('Enter');
    }
    expect(histories).toContain('lanxi-2022/3');
    const table = pane();
    expect(table).toMatch(/鼓励跨境电商发展.*100,000\.00/);
    expect(table).toContain('确定金额: 218,000.00');
    keys('Enter');
    await waitFor(/企业名称/);
    text('兰溪某跨境电商');
    keys('Enter');
    await waitFor(/保存到/);
    text(saved);
    keys('Enter');
    await waitFor(/已保存/);
    expect(await exitCode(dir)).toBe(0);
    const back = JSON.parse(cli(['calc', saved, '--format', 'json']).stdout);
    expect(back.totals.sure).toBe('218000.00');
  }, 60000);

  it('with CI set, even a real terminal gets exit 2 and the file-input hint', async () => {
    const dir = start('ask', 'env CI=1 NO_COLOR=1');
    expect(await exitCode(dir)).toBe(2);
    expect(pane()).toContain('[NO_TTY]');
  });

  it('Ctrl+C in a prompt cancels with exit 130', async () => {
    const dir = start('ask --region 兰溪市 --year 2023');
    await waitFor(/申报主体属于哪些类型/);
    keys('C-c');
    expect(await exitCode(dir)).toBe(130);
    expect(pane()).toContain('已取消');
  });
});
