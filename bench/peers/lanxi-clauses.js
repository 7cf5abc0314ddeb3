// What the peer encodings share: the computable awards of 兰政办发〔2022〕3号 in the order
// the benchmark reports them, and the numbers of the text as a team would copy them
// into its own rule files (binary floats; 万 written out).

/** Clause ids (the part after "lanxi-2022/"), in report order. */
export const CLAUSES = ['1', '2', '3', '4a', '4b', '5', '6', '7', '8', '9', '10', '11a', '11b', '12', '13'];

export const TIERS = {
  // Clause 6: 直播机构 sales for local firms, 500万/1000万/2000万/5000万 → 5/10/15/20万.
  6: {
    fact: 'livestream_sales_for_local',
    kind: 'live_streaming_agency',
    tiers: [
      [5e6, 5e4],
      [1e7, 1e5],
      [2e7, 1.5e5],
      [5e7, 2e5],
    ],
  },
  // Clause 8: cross-border B2C sales in USD, 50/100/200万美元 → 5/10/20万元.
  8: {
    fact: 'cbec_usd',
    kind: 'cross_border_seller',
    tiers: [
      [5e5, 5e4],
      [1e6, 1e5],
      [2e6, 2e5],
    ],
  },
  // Clause 12: 农特产品 online sales, 50/100/500万 → 2/5/10万.
  12: {
    fact: 'agri_online_sales',
    kind: undefined,
    tiers: [
      [5e5, 2e4],
      [1e6, 5e4],
      [5e6, 1e5],
    ],
  },
};

export const LEVELS = {
  2: { fact: 'demo_title_level', kind: undefined, amounts: { national: 5e5, provincial: 2e5 } },
  13: { fact: 'ecommerce_town_village_title', kind: 'town_village', amounts: { town: 2e5, village: 1e5 } },
};

/** Clause 15: the disqualifiers a team can check (the catch-all "其他情形" is left to review). */
export const EXCLUSION_FLAGS = [
  'listed_dishonest',
  'major_env_violation',
  'major_accident',
  'penalised_violation',
  'major_labour_dispute',
  'one_firm_one_policy',
];
export const MIN_PENSION_COVERAGE = 0.6;

/** Round to the fen the way a team using floats would, once at the end. */
export const round2 = (x) => Math.round(x * 100) / 100;
