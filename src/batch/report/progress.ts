import { catalogue, fill, type Lang } from '../../i18n/messages.js';

const EVERY_MS = 250;

export interface Progress {
  tick(rows: number): void;
  done(): void;
}

/**
 * Rows done and rows per second on stderr, redrawn at most four times a second,
 * only for a person watching: nothing when stderr is piped or CI is set.
 */
export function progress(lang: Lang, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!stream.isTTY || env.CI) return { tick: () => undefined, done: () => undefined };
  const start = Date.now();
  let last = 0;
  let shown = false;
  const words = catalogue(lang).words;
  return {
    tick(rows) {
      const now = Date.now();
      if (now - last < EVERY_MS) return;
      last = now;
      const rate = Math.round((rows * 1000) / Math.max(1, now - start));
      stream.write(`\r${fill(words.rowsDone!, { rows: rows.toLocaleString('en-US'), rate: rate.toLocaleString('en-US') })}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
