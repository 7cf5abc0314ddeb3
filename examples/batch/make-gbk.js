#!/usr/bin/env node
// Writes enterprises-gbk.csv: enterprises.csv re-encoded as GBK without the BOM,
// as Excel on a Chinese Windows saves "CSV (逗号分隔)". Run from anywhere:
//   node examples/batch/make-gbk.js
import { readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';

const here = new URL('.', import.meta.url);
const text = readFileSync(new URL('enterprises.csv', here), 'utf8').replace(/^\uFEFF/, '');
writeFileSync(new URL('enterprises-gbk.csv', here), iconv.encode(text, 'gbk'));
