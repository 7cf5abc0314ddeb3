// Synthetic enterprises for the peer benchmark: all in 兰溪市 (330781), data year 2023.
// Each is one plain object of facts (fact ids as keys; an unknown fact is absent), which
// subsidy reads through its own validator and the peer engines read as it is.
// Values sit on purpose at and around every threshold and cap of 兰政办发〔2022〕3号
// (exactly at it, a fen below, a fen above) as well as anywhere in a plausible range;
// half the amounts carry fen, so that rates of them end in half a fen now and then.
// Deterministic: the same seed and count give the same enterprises.

/** mulberry32, as in bench/generate.js: small, seeded, reproducible. */
function generator(seed) {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WAN = 1e4;
const KINDS = [
  'ecommerce_enterprise',
  'cross_border_seller',
  'platform_operator',
  'park_operator',
  'service_provider',
  'live_streaming_agency',
  'event_organiser',
  'town_village',
];

export function lanxiEnterprises(n, seed = 20221) {
  const rand = generator(seed);
  const chance = (p) => rand() < p;
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const fen = (x) => Math.round(x * 100) / 100;
  /** An amount anywhere between lo and hi (log-uniform), whole yuan or with fen. */
  const amount = (lo, hi) => {
    const v = Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));
    return chance(0.5) ? Math.round(v) : fen(v);
  };
  /** At a threshold, a fen either side of it, or anywhere in [lo, hi]. */
  const near = (points, lo, hi) => (chance(0.35) ? fen(pick(points) + pick([0, 0, -0.01, 0.01])) : amount(lo, hi));
  const bool = (p) => chance(p);

  function one() {
    const f = {};
    // A fact is unknown now and then: about 3% of those an enterprise reports on.
    const put = (id, v, unknown = 0.03) => {
      if (!chance(unknown)) f[id] = v;
    };
    // Each area of activity: usually reported, sometimes reported as none, sometimes left blank.
    const area = () => (chance(0.06) ? 'blank' : chance(0.25) ? 'none' : 'active');

    const kinds = KINDS.filter(() => chance(0.4));
    if (kinds.length === 0 || chance(0.15)) kinds.push('manufacturer');
    put('entity_kinds', kinds, 0.02);

    let a = area();
    if (a === 'active') {
      put('park_land_area', chance(0.3) ? pick([19, 20, 21]) : int(1, 200));
      put('park_floor_area', chance(0.3) ? pick([29999, 30000, 30001]) : int(1000, 200000));
      put('park_occupancy', chance(0.3) ? pick([0.7999, 0.8, 0.8001]) : int(3000, 10000) / 10000);
      put('park_sales', near([5000 * WAN], 100 * WAN, 5 * 1e8));
    } else if (a === 'none') Object.assign(f, { park_land_area: 0, park_floor_area: 0, park_occupancy: 0, park_sales: 0 });

    a = area();
    if (a !== 'blank') put('demo_title_level', a === 'none' ? 'none' : pick(['national', 'provincial', 'city', 'none']));

    a = area();
    if (a === 'active') rent(put);
    else if (a === 'none') Object.assign(f, { in_ecommerce_park: false });

    a = area();
    if (a === 'active') {
      put('platform_is_new', bool(0.7));
      put('platform_investment', near([50 * WAN, 150 * WAN], 5 * WAN, 1000 * WAN));
      put('platform_sales', near([3000 * WAN], 100 * WAN, 1e8));
    } else if (a === 'none') Object.assign(f, { platform_is_new: false, platform_investment: 0, platform_sales: 0 });

    a = area();
    if (a !== 'blank') put('service_income', a === 'none' ? 0 : near([50 * WAN], 5 * WAN, 500 * WAN));
    a = area();
    if (a !== 'blank')
      put(
        'livestream_sales_for_local',
        a === 'none'
          ? 0
          : near(
              [500, 1000, 2000, 5000].map((x) => x * WAN),
              50 * WAN,
              1e8,
            ),
      );

    a = area();
    if (a === 'active') {
      put('events_filed', bool(0.8));
      // Per event: half the cost capped at 2万 (a cost of 4万 is the edge); five capped events reach the yearly 10万.
      put(
        'event_costs',
        Array.from({ length: int(0, 6) }, () => (chance(0.3) ? fen(40000 + pick([0, -0.01, 0.01])) : amount(1000, 80000))),
      );
    } else if (a === 'none') Object.assign(f, { events_filed: false, event_costs: [] });

    a = area();
    if (a === 'active') {
      const usd = near(
        [50, 100, 200].map((x) => x * WAN),
        5 * WAN,
        500 * WAN,
      );
      if (chance(0.8)) put('cbec_b2c_sales_usd', usd);
      else {
        // Only the CNY figure and the rate: USD is derived by dividing (a threshold in USD times the rate lands on it exactly).
        const rate = pick([6.9, 7.1, 7.2, 7.0467, 7.1884]);
        put('usd_cny_rate', rate);
        put('cbec_b2c_sales_cny', fen(usd * rate));
      }
    } else if (a === 'none') f.cbec_b2c_sales_usd = 0;

    a = area();
    if (a !== 'blank') put('foreign_trademark_fees', a === 'none' ? 0 : near([28571.42, 28571.43, 20000], 1000, 100000));
    a = area();
    if (a !== 'blank') put('digital_marketing_fees', a === 'none' ? 0 : near([80000], 2000, 300000));

    a = area();
    if (a === 'active') {
      put('overseas_warehouse_public', bool(0.7));
      put('overseas_warehouse_months', pick([11, 12, 13, int(0, 60)]));
      put('overseas_warehouse_exports_usd', near([20 * WAN], 1 * WAN, 200 * WAN));
      put('overseas_warehouse_build_cost', near([1666666.66, 1666666.67], 10 * WAN, 1000 * WAN));
    } else if (a === 'none')
      Object.assign(f, { overseas_warehouse_public: false, overseas_warehouse_months: 0, overseas_warehouse_exports_usd: 0, overseas_warehouse_build_cost: 0 });

    a = area();
    if (a === 'active') {
      put('uses_public_overseas_warehouse', bool(0.7));
      put('overseas_warehouse_product_sales_usd', near([15 * WAN], 1 * WAN, 200 * WAN));
      put('overseas_storage_cost', near([100 * WAN], 1 * WAN, 300 * WAN));
    } else if (a === 'none') Object.assign(f, { uses_public_overseas_warehouse: false, overseas_warehouse_product_sales_usd: 0, overseas_storage_cost: 0 });

    a = area();
    if (a !== 'blank')
      put(
        'agri_online_sales',
        a === 'none'
          ? 0
          : near(
              [50, 100, 500].map((x) => x * WAN),
              5 * WAN,
              2000 * WAN,
            ),
      );
    a = area();
    if (a !== 'blank') put('ecommerce_town_village_title', a === 'none' ? 'none' : pick(['town', 'village', 'none']));

    // Clause 15: each disqualifier true for about 1%, unknown for 1%; pension coverage mostly at or
    // above 60%, often exactly at it (or 0.01 percentage point either side), under it for about 1 in 11.
    for (const id of ['listed_dishonest', 'major_env_violation', 'major_accident', 'penalised_violation', 'major_labour_dispute', 'one_firm_one_policy'])
      put(id, bool(0.01), 0.01);
    put('pension_coverage', chance(0.15) ? pick([0.6, 0.5999, 0.6001]) : chance(0.05) ? int(3000, 5999) / 10000 : int(6000, 10000) / 10000, 0.01);
    return f;
  }

  /** Clause 3: areas first; sales per m² at or around 1万; rents at or around the 12 and 6 元/㎡·月 ceilings. */
  function rent(put) {
    const office = int(20, 2000);
    const warehouse = chance(0.3) ? 0 : int(20, 3000);
    const months = chance(0.6) ? 12 : int(1, 12);
    put('in_ecommerce_park', bool(0.85));
    put('months_operating', pick([2, 3, 4, int(0, 60)]));
    put('office_area', office);
    put('warehouse_area', warehouse);
    put('rent_months', months);
    const perM2 = pick([10000, 9999.99, 10000.01, int(2000, 60000)]);
    put('online_sales', fen(perM2 * (office + warehouse)));
    // 80% of the office rent meets 12 元/㎡·月 at 15 元/㎡·月; 60% of the warehouse rent meets 6 at 10.
    put('office_rent_paid', chance(0.3) ? 15 * office * months : fen(office * months * (5 + rand() * 25)));
    put('warehouse_rent_paid', chance(0.3) ? 10 * warehouse * months : fen(warehouse * months * (2 + rand() * 15)));
  }

  return Array.from({ length: n }, one);
}
