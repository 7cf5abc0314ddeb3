// Drives Debian's headless Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe: requests on fd 3, answers on fd 4, each a JSON
// message ended by a NUL byte). No npm package: the test and the screenshot
// script use the real browser directly. Plain JavaScript so that
// docs/make-screenshots.js can use it without a build.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.SUBSIDY_CHROMIUM ?? '/usr/bin/chromium';

/** The flags known to work on this machine, plus the pipe. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
];

/** Undefined when Chromium runs; else why not, so a test can fail with a message that says how to get it. */
export function chromiumProblem() {
  const r = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 60000 });
  if (r.error || r.status !== 0) return `${CHROMIUM} does not run (${r.error?.message ?? r.stderr.trim()}): .ci/run installs it (apt-get install -y chromium)`;
  return undefined;
}

export class Browser {
  static async launch() {
    const profile = mkdtempSync(join(tmpdir(), 'subsidy-chromium-'));
    const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    const b = new Browser(child, profile);
    const { targetId } = await b.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await b.send('Target.attachToTarget', { targetId, flatten: true });
    b.session = sessionId;
    for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await b.send(`${domain}.enable`, {}, sessionId);
    return b;
  }

  constructor(child, profile) {
    this.child = child;
    this.profile = profile;
    this.nextId = 1;
    this.waiting = new Map();
    this.listeners = [];
    this.stderr = '';
    this.buffer = Buffer.alloc(0);
    child.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    child.stdio[4].on('data', (d) => this.receive(d));
    child.on('exit', (code) => {
      for (const { reject } of this.waiting.values()) reject(new Error(`chromium exited (${code}): ${this.stderr}`));
      this.waiting.clear();
    });
  }

  receive(data) {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (let end = this.buffer.indexOf(0); end >= 0; end = this.buffer.indexOf(0)) {
      const msg = JSON.parse(this.buffer.subarray(0, end).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 1);
      if (msg.id !== undefined && this.waiting.has(msg.id)) {
        const { resolve, reject, method } = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result);
      } else for (const l of this.listeners) l(msg);
    }
  }

  send(method, params = {}, sessionId = this.session) {
    const id = this.nextId++;
    const msg = { id, method, params, ...(sessionId ? { sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, method });
      this.child.stdio[3].write(JSON.stringify(msg) + '\0');
    });
  }

  /** Opens a page and waits for its load event; returns what it logged and every request it made. */
  async open(url, { width = 1100, height = 1400 } = {}) {
    const events = { console: [], requests: [] };
    const listener = (m) => {
      if (m.method === 'Runtime.consoleAPICalled')
        events.console.push({ level: m.params.type, text: m.params.args.map((a) => a.value ?? a.description ?? '').join(' ') });
      if (m.method === 'Runtime.exceptionThrown') events.console.push({ level: 'error', text: m.params.exceptionDetails.text });
      if (m.method === 'Log.entryAdded') events.console.push({ level: m.params.entry.level, text: m.params.entry.text });
      if (m.method === 'Network.requestWillBeSent') events.requests.push(m.params.request.url);
    };
    this.listeners.push(listener);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    const loaded = new Promise((resolve) => {
      const done = (m) => m.method === 'Page.loadEventFired' && (this.listeners.splice(this.listeners.indexOf(done), 1), resolve());
      this.listeners.push(done);
    });
    const nav = await this.send('Page.navigate', { url });
    if (nav.errorText) throw new Error(`${url}: ${nav.errorText}`);
    await loaded;
    // Anything the page would still start (there should be nothing) gets a moment to show up.
    await new Promise((r) => setTimeout(r, 300));
    return events;
  }

  async evaluate(expression) {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
    return r.result.value;
  }

  /** The page printed as on paper: A4, with its print style sheet. */
  async pdf() {
    const r = await this.send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.69, printBackground: true, preferCSSPageSize: true });
    return Buffer.from(r.data, 'base64');
  }

  /** A PNG of the page from the top, `height` CSS pixels tall (the whole page when omitted). */
  async screenshot(height) {
    const full = await this.evaluate('document.documentElement.scrollHeight');
    const width = await this.evaluate('document.documentElement.scrollWidth');
    const r = await this.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width, height: Math.min(height ?? full, full), scale: 1 },
    });
    return Buffer.from(r.data, 'base64');
  }

  /** A PNG of the first element matching `selector` (with a margin around it). */
  async screenshotOf(selector, margin = 12) {
    const box = await this.evaluate(
      `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; })()`,
    );
    const clip = { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin, scale: 1 };
    const r = await this.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip });
    return Buffer.from(r.data, 'base64');
  }

  async close() {
    const exited = this.child.exitCode !== null ? Promise.resolve() : new Promise((r) => this.child.once('exit', r));
    this.send('Browser.close', {}, undefined).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
