import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * The parts of a workbook are XML, read as events with saxes (the parser exceljs
 * itself uses). saxes gathers a text node or a tag whole before it reports it,
 * so a part with a gigabyte between two '<' would be gathered whole: the bytes
 * between two '<' are counted here first, and more than MAX_GAP is refused. No
 * cell of a real workbook comes near it (Excel keeps at most 32,767 characters in
 * a cell). saxes expands no entity a document declares (no "billion laughs").
 */
export const MAX_GAP = 1 << 20;

export interface XmlHandlers {
  /** A start tag, by its local name (a prefix such as x: is dropped). */
  open(name: string, attrs: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

export class XmlTooLong extends Error {
  constructor() {
    super(`more than ${MAX_GAP} characters without markup`);
  }
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** A push parser: write() text as it comes, end() at the end; handlers run inside write(). */
export class XmlEvents {
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private gap = 0;

  constructor(h: XmlHandlers) {
    const p = this.parser;
    p.on('opentag', (t: SaxesTagPlain) => h.open(local(t.name), t.attributes as Record<string, string>));
    if (h.text) {
      const text = h.text;
      p.on('text', text);
      p.on('cdata', text);
    }
    if (h.close) {
      const close = h.close;
      p.on('closetag', (t) => close(local(t.name)));
    }
    p.on('error', (e: Error) => {
      throw e;
    });
  }

  write(chunk: string): void {
    this.guard(chunk);
    this.parser.write(chunk);
  }

  end(): void {
    this.parser.close();
  }

  private guard(chunk: string): void {
    let at = chunk.indexOf('<');
    if (at < 0) {
      if ((this.gap += chunk.length) > MAX_GAP) throw new XmlTooLong();
      return;
    }
    if (this.gap + at > MAX_GAP) throw new XmlTooLong();
    for (let next = chunk.indexOf('<', at + 1); next >= 0; at = next, next = chunk.indexOf('<', at + 1)) if (next - at > MAX_GAP) throw new XmlTooLong();
    this.gap = chunk.length - at;
    if (this.gap > MAX_GAP) throw new XmlTooLong();
  }
}

/** Parses a whole small part. */
export function parseXmlText(text: string, h: XmlHandlers): void {
  const x = new XmlEvents(h);
  x.write(text);
  x.end();
}

/** Decodes a byte stream as UTF-8 text chunks (a character split across chunks is kept whole). */
export async function* utf8Text(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const d = new TextDecoder('utf-8');
  for await (const b of bytes) {
    const s = d.decode(b, { stream: true });
    if (s) yield s;
  }
  const rest = d.decode();
  if (rest) yield rest;
}
