/**
 * The plain subset of YAML that enterprise files are written in, read without the yaml
 * library: block mappings and sequences, one-line flow collections, plain and one-line
 * quoted scalars, comments. The library is general, and reading a 3 KB example with it was
 * 6-15 ms of a 0.2 s `calc` (its lexer and parser run as generators, cold, at every start).
 *
 * Anything outside the subset, or that the library might read another way or refuse, gives
 * undefined, and read-yaml.ts hands the text to the library: anchors, tags, block scalars,
 * multi-line scalars and flows, escapes, tabs, duplicate or prototype keys, keys that are not
 * plain text, numbers in other notations. So there is no second opinion on what a file says:
 * a property test holds every document read here to the library's reading
 * (test/input/plain-yaml.test.ts).
 */

/** Not read here at all: tabs, control and non-characters, BOMs, line breaks other than \n and \r\n, directives. */
const UNSAFE_TEXT = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]|\r(?!\n)|^%/mu;
/** Characters a plain scalar may not start with here (flows, quotes, comments, anchors, tags, block scalars, reserved). */
const BAD_START = /^(?:[-?:](?: |$)|[,[\]{}#&*!|>'"%@`])/;
/** Keys that would reach an object's prototype: refused in any data file (read-yaml.ts reports them). */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;
const FAIL = Symbol('not plain');
type Out = unknown | typeof FAIL;

interface Line {
  indent: number;
  body: string;
}

export function parsePlainYaml(text: string): { value: unknown } | undefined {
  if (UNSAFE_TEXT.test(text)) return undefined;
  const lines = contentLines(text);
  if (!lines?.length) return undefined;
  const r = new Reader(lines);
  const value = r.block(lines[0]!.indent, 0);
  return value === FAIL || r.at !== lines.length || value === null || typeof value !== 'object' ? undefined : { value };
}

/** The lines that hold content, comments cut off; undefined when a comment cannot be told from text without quoting rules. */
function contentLines(text: string): Line[] | undefined {
  const out: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (/^(?:---|\.\.\.)(?: |$)/.test(raw)) return undefined;
    let indent = 0;
    while (raw[indent] === ' ') indent++;
    let body = raw.slice(indent);
    if (body === '' || body[0] === '#') continue;
    const hash = body.indexOf(' #');
    if (hash >= 0) {
      // A quote before the comment might hold the " #": the library decides.
      if (/['"]/.test(body.slice(0, hash))) return undefined;
      body = body.slice(0, hash);
    }
    out.push({ indent, body: trimEnd(body) });
  }
  return out;
}

/** Spaces only: YAML keeps other white space (a no-break space is text). */
function trimStart(s: string): string {
  let start = 0;
  while (s[start] === ' ') start++;
  return s.slice(start);
}

function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ' ') end--;
  return s.slice(0, end);
}

const isItem = (body: string) => body === '-' || body.startsWith('- ');

class Reader {
  at = 0;
  constructor(private readonly lines: Line[]) {}

  block(indent: number, depth: number): Out {
    const line = this.lines[this.at];
    if (!line || line.indent !== indent || depth > MAX_DEPTH) return FAIL;
    return isItem(line.body) ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  private sequence(indent: number, depth: number): Out {
    const out: unknown[] = [];
    for (let line = this.lines[this.at]; line?.indent === indent && isItem(line.body); line = this.lines[this.at]) {
      const rest = line.body.slice(1);
      const gap = rest.length - trimStart(rest).length;
      const content = rest.slice(gap);
      let v: Out;
      if (content === '') {
        this.at++;
        v = this.nested(indent, depth);
      } else if (gap !== 1 || isItem(content)) return FAIL;
      else if (entryAt(content) >= 0) {
        // `- key: value`: a mapping whose keys stand where this one does.
        this.lines[this.at] = { indent: indent + 1 + gap, body: content };
        v = this.mapping(indent + 1 + gap, depth + 1);
      } else {
        this.at++;
        v = this.inline(content, depth);
      }
      if (v === FAIL) return FAIL;
      out.push(v);
    }
    return out;
  }

  private mapping(indent: number, depth: number): Out {
    const out: Record<string, unknown> = {};
    for (let line = this.lines[this.at]; line?.indent === indent; line = this.lines[this.at]) {
      const colon = entryAt(line.body);
      if (colon < 0) return FAIL;
      const key = plainKey(line.body.slice(0, colon));
      if (key === undefined || Object.hasOwn(out, key)) return FAIL;
      const rest = trimStart(line.body.slice(colon + 1));
      this.at++;
      let v: Out;
      if (rest !== '') v = this.inline(rest, depth);
      else {
        const next = this.lines[this.at];
        // A sequence may stand at its key's own indentation.
        v = next?.indent === indent && isItem(next.body) ? this.sequence(indent, depth + 1) : this.nested(indent, depth);
      }
      if (v === FAIL) return FAIL;
      out[key] = v;
    }
    return out;
  }

  /** What follows an empty value: a block indented further, or nothing (null). */
  private nested(indent: number, depth: number): Out {
    const next = this.lines[this.at];
    return next && next.indent > indent ? this.block(next.indent, depth + 1) : null;
  }

  /** A value on the line of its key or dash; a line indented under it would continue it (multi-line): not here. */
  private inline(text: string, depth: number): Out {
    const next = this.lines[this.at];
    const prev = this.lines[this.at - 1]!;
    if (next && next.indent > prev.indent) return FAIL;
    if (text[0] === '[' || text[0] === '{') {
      const f = new Flow(text);
      const v = f.value(depth + 1);
      return v !== FAIL && f.at === text.length ? v : FAIL;
    }
    if (text[0] === "'" || text[0] === '"') {
      const q = quoted(text, 0);
      return q && q.end === text.length ? q.value : FAIL;
    }
    return plainScalar(text, false);
  }
}

/** Where the `:` of `key: value` (or `key:`) is, or -1. */
function entryAt(body: string): number {
  const i = body.indexOf(': ');
  if (i >= 0) return i;
  return body.endsWith(':') ? body.length - 1 : -1;
}

/** A key that is plain text and reads as text, or undefined. */
function plainKey(text: string): string | undefined {
  if (!text || text.length > 200 || /[:#'"]/.test(text) || text !== trimEnd(text)) return undefined;
  const v = plainScalar(text, true);
  return typeof v === 'string' && !FORBIDDEN_KEYS.has(v) ? v : undefined;
}

/**
 * A plain scalar as the YAML 1.2 core schema reads it (as the library's schema/core does):
 * null, booleans, decimal integers and decimals; the other notations (0x, 0o, 1e3, .inf) are
 * left to the library. `flow`: inside [ ] or { }, where , [ ] { } end a scalar.
 */
function plainScalar(text: string, flow: boolean): Out {
  if (!text || BAD_START.test(text) || text.endsWith(':') || text.includes(': ') || text.includes(' #')) return FAIL;
  if (flow && /[,[\]{}:#]/.test(text)) return FAIL;
  if (/^(?:~|[Nn]ull|NULL)$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  // The schema's other notations (octal, hexadecimal, exponent, .inf, .nan): the library reads them.
  if (/^0o[0-7]+$|^0x[0-9a-fA-F]+$|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text))
    return FAIL;
  return text;
}

/** A quoted scalar on one line starting at `from`: single quotes ('' for '), or double quotes without escapes. */
function quoted(text: string, from: number): { value: string; end: number } | undefined {
  const q = text[from]!;
  let value = '';
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (q === '"' && c === '\\') return undefined;
    if (c !== q) value += c;
    else if (q === "'" && text[i + 1] === "'") {
      value += "'";
      i++;
    } else return { value, end: i + 1 };
  }
  return undefined;
}

/** A one-line flow collection: [a, b] and { k: v }, nested, with plain or quoted scalars; no empty entries. */
class Flow {
  at = 0;
  constructor(private readonly text: string) {}

  value(depth: number): Out {
    this.spaces();
    const c = this.text[this.at];
    if (depth > MAX_DEPTH) return FAIL;
    if (c === '[') return this.items(']', depth, () => this.value(depth + 1));
    if (c === '{') {
      const out: Record<string, unknown> = {};
      const ok = this.items('}', depth, () => {
        const colon = this.text.indexOf(': ', this.at);
        if (colon < 0) return FAIL;
        const key = plainKey(this.text.slice(this.at, colon));
        if (key === undefined || Object.hasOwn(out, key) || /[,[\]{}]/.test(this.text.slice(this.at, colon))) return FAIL;
        this.at = colon + 1;
        const v = this.value(depth + 1);
        if (v === FAIL) return FAIL;
        out[key] = v;
        return v;
      });
      return ok === FAIL ? FAIL : out;
    }
    if (c === "'" || c === '"') {
      const q = quoted(this.text, this.at);
      if (!q) return FAIL;
      this.at = q.end;
      return q.value;
    }
    const start = this.at;
    while (this.at < this.text.length && !',]}'.includes(this.text[this.at]!)) this.at++;
    return plainScalar(trimEnd(this.text.slice(start, this.at)), true);
  }

  /** Entries up to `close`, separated by commas: `[a, b]`, `[]`; not `[a,]` or `[,a]`. */
  private items(close: string, depth: number, entry: () => Out): Out {
    const out: unknown[] = [];
    this.at++;
    this.spaces();
    if (this.text[this.at] === close) {
      this.at++;
      this.spaces();
      return out;
    }
    for (;;) {
      this.spaces();
      const v = entry();
      if (v === FAIL) return FAIL;
      out.push(v);
      this.spaces();
      const c = this.text[this.at++];
      if (c === close) break;
      if (c !== ',' || depth > MAX_DEPTH) return FAIL;
    }
    this.spaces();
    return out;
  }

  private spaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }
}
