import { Decimal } from '../../src/money/decimal.js';

/**
 * Evaluates arithmetic as `--explain` prints it, from the printed text alone:
 * numbers with thousands separators, percentages, "N 美元" / "USD N", + − × ÷,
 * parentheses, 较小值/较大值/向下取整 (min/max/floor), and "标签：" prefixes of the
 * parts of a sum. It knows nothing of the engine: a formula whose printed numbers
 * do not give its printed result is caught here. Values written "≈…" are rounded
 * for display; `approx` says one was met, so the caller compares with a tolerance.
 */
export interface Printed {
  value: Decimal;
  approx: boolean;
}

const FUNCS: Record<string, 'min' | 'max' | 'floor'> = { 较小值: 'min', 较大值: 'max', 向下取整: 'floor', min: 'min', max: 'max', floor: 'floor' };

export function evalPrinted(text: string): Printed {
  const p = new Parser(text);
  const v = p.expr();
  p.skipSpace();
  if (!p.done()) throw new Error(`unparsed rest "${p.rest()}" in "${text}"`);
  return { value: v, approx: p.approx };
}

/** A printed number alone ("1,234.5", "12%", "≈3.333333", "5 美元"). */
export function parsePrinted(text: string): Printed {
  return evalPrinted(text);
}

class Parser {
  private i = 0;
  approx = false;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }
  rest(): string {
    return this.s.slice(this.i);
  }
  skipSpace(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
  private peek(t: string): boolean {
    this.skipSpace();
    return this.s.startsWith(t, this.i);
  }
  private eat(t: string): boolean {
    if (!this.peek(t)) return false;
    this.i += t.length;
    return true;
  }

  expr(): Decimal {
    let v = this.term();
    for (;;) {
      if (this.eat('+')) v = v.plus(this.term());
      else if (this.eat('−')) v = v.minus(this.term());
      else return v;
    }
  }

  private term(): Decimal {
    let v = this.factor();
    for (;;) {
      if (this.eat('×')) v = v.times(this.factor());
      else if (this.eat('÷')) {
        const d = this.factor();
        // "x ÷ 0（除数为 0，按 0 计）": the engine counts a ratio over nothing as 0, and says so.
        if (d.isZero()) {
          if (!(this.eat('（除数为 0，按 0 计）') || this.eat('(division by 0: counted as 0)'))) throw new Error(`division by 0 not marked in "${this.s}"`);
          v = new Decimal(0);
        } else v = v.div(d);
      } else return v;
    }
  }

  private factor(): Decimal {
    this.skipSpace();
    // A labelled part of a sum ("办公研发：…" / "office: …"): the label is words, then a colon.
    const label = /^([^()（）+−×÷,，:：]+?)[：:] ?/.exec(this.rest());
    if (label && /[^\d\s,.%≈-]/.test(label[1]!) && !Object.keys(FUNCS).some((f) => this.rest().startsWith(f + '('))) this.i += label[0].length;
    if (this.eat('(')) {
      const v = this.expr();
      if (!this.eat(')')) throw new Error(`missing ) in "${this.s}"`);
      return v;
    }
    for (const [name, fn] of Object.entries(FUNCS)) {
      if (!this.peek(name + '(')) continue;
      this.i += name.length + 1;
      const args = [this.expr()];
      while (this.eat(',')) args.push(this.expr());
      if (!this.eat(')')) throw new Error(`missing ) after ${name} in "${this.s}"`);
      if (fn === 'floor') return args[0]!.floor();
      return args.reduce((a, b) => (fn === 'min' ? Decimal.min(a, b) : Decimal.max(a, b)));
    }
    return this.number();
  }

  private number(): Decimal {
    this.skipSpace();
    this.eat('USD ');
    const m = /^(≈?)(-?\d{1,3}(?:,\d{3})*(?:\.\d+)?)(%?)/.exec(this.rest());
    if (!m) throw new Error(`expected a number at "${this.rest()}" in "${this.s}"`);
    this.i += m[0].length;
    if (m[1]) this.approx = true;
    this.eat('美元');
    const v = new Decimal(m[2]!.replace(/,/g, ''));
    return m[3] ? v.div(100) : v;
  }
}

/** Whether a printed result agrees with a computed one: exactly, or to the places shown when either was rounded. */
export function agrees(a: Printed, b: Printed): boolean {
  if (!a.approx && !b.approx) return a.value.equals(b.value);
  // Shown to 6 places: rounding each operand may move a product or quotient a little more.
  return a.value
    .minus(b.value)
    .abs()
    .lessThanOrEqualTo(new Decimal('0.0001').times(Decimal.max(1, a.value.abs())));
}
