#!/usr/bin/env node
// Synthetic enterprises for the batch benchmark: `node bench/generate.js N [file]`.
// One CSV row per enterprise with the fixed columns and one column per fact (Chinese
// labels as headers), spread over every region a policy covers and the years 2022–2026.
// Values are typed the way people type them (500万, 1.2亿, 12%, 是/否) and about half
// are blank. Deterministic: the same N gives the same file.
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const rulesDir = fileURLToPath(new URL('../rules', import.meta.url));
const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n < 1) {
  process.stderr.write('usage: node bench/generate.js N [file]\n');
  process.exit(2);
}
const out = process.argv[3] && process.argv[3] !== '-' ? createWriteStream(process.argv[3]) : process.stdout;

// mulberry32: a small seeded generator, so benchmark inputs are reproducible.
let seed = 20240601;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const logUniform = (lo, hi) => Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));

const readFacts = (file) => parse(readFileSync(file, 'utf8')).facts;
const facts = [
  readFacts(join(rulesDir, 'facts.yaml')),
  ...readdirSync(join(rulesDir, 'facts'))
    .sort()
    .map((f) => readFacts(join(rulesDir, 'facts', f))),
].flat();
const regions = parse(readFileSync(join(rulesDir, 'regions.yaml'), 'utf8')).regions;
const appliesTo = readdirSync(join(rulesDir, 'policies'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parse(readFileSync(join(rulesDir, 'policies', f), 'utf8')).applies_to);

// Every region at or below a code some policy applies to: the places a batch would hold.
const parent = new Map(regions.map((r) => [r.code, r.parent]));
const covered = regions.filter((r) => {
  for (let c = r.code; c; c = parent.get(c)) if (appliesTo.includes(c)) return true;
  return false;
});

function money(lo, hi) {
  const v = logUniform(lo, hi);
  switch (Math.floor(rand() * 4)) {
    case 0:
      return `${Math.round(v / 1e4)}万`;
    case 1:
      return v >= 1e8 ? `${(v / 1e8).toFixed(1)}亿` : `${Math.round(v / 1e4)}万`;
    case 2:
      return Math.round(v).toLocaleString('en-US');
    default:
      return String(Math.round(v));
  }
}

function upper(f, fallback) {
  const max = f.range?.max;
  if (max === undefined) return fallback;
  if (typeof max === 'number') return Math.min(max, fallback);
  const m = /^(\d+)(万|亿)?$/.exec(max);
  return m ? Math.min(Number(m[1]) * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1), fallback) : fallback;
}

function value(f) {
  const eligibility = f.topic === 'eligibility';
  switch (f.type) {
    case 'boolean':
      return rand() < (eligibility ? 0.05 : 0.5) ? '是' : '否';
    case 'enum':
      return pick(f.values)[rand() < 0.5 ? 'zh' : 'id'];
    case 'enum_set': {
      const k = 1 + Math.floor(rand() * 3);
      // A label that itself holds a list separator (区、县（市）政府) is written as its id.
      const label = (v) => (/[;；、,，|]/.test(v.zh) ? v.id : v.zh);
      return [...new Set(Array.from({ length: k }, () => label(pick(f.values))))].join(';');
    }
    case 'money_cny':
      return money(5e3, upper(f, 5e8));
    case 'money_usd':
      return `${Math.round(logUniform(1, upper(f, 5e7) / 1e4))}万美元`;
    case 'money_list':
      return Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `${Math.round(logUniform(1, 100))}万`).join(';');
    case 'count':
      return String(Math.floor(logUniform(1, upper(f, 5000))));
    case 'months':
      return String(Math.floor(rand() * (upper(f, 36) + 1)));
    case 'area_m2':
      return String(Math.round(logUniform(50, upper(f, 50000))));
    case 'area_mu':
      return String(Math.round(logUniform(1, upper(f, 500))));
    case 'ratio': {
      const lo = typeof f.range?.min === 'number' ? Math.max(f.range.min, -0.5) : 0;
      const hi = typeof f.range?.max === 'number' ? Math.min(f.range.max, 1) : 1;
      return `${((lo + rand() * (hi - lo)) * 100).toFixed(1)}%`;
    }
    case 'number':
      return f.id === 'usd_cny_rate' ? (6.8 + rand() * 0.6).toFixed(2) : String(Math.round(logUniform(1, upper(f, 1000))));
    case 'date':
      return `${2020 + Math.floor(rand() * 6)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    default:
      return '';
  }
}

const cell = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const header = ['企业编号', '企业名称', '地区', '年度', ...facts.map((f) => f.label.zh)];

async function write(line) {
  if (!out.write(line)) await new Promise((r) => out.once('drain', r));
}

await write(header.map(cell).join(',') + '\r\n');
for (let i = 1; i <= n; i++) {
  const region = pick(covered);
  const row = [
    `E${String(i).padStart(7, '0')}`,
    `${region.name}第${i}号电商有限公司`,
    rand() < 0.8 ? region.name : region.code,
    String(2022 + Math.floor(rand() * 5)),
  ];
  // Kinds of entity are almost always given: they decide which clauses apply.
  for (const f of facts) row.push(f.id === 'entity_kinds' || rand() < 0.5 ? value(f) : '');
  await write(row.map(cell).join(',') + '\r\n');
}
if (out !== process.stdout) out.end();
