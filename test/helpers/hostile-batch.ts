/** Three enterprises (one named like an attack) and two rows that cannot be evaluated. */
export const HOSTILE_JSONL = [
  {
    id: 'LX-001',
    name: '<script>alert(1)</script>',
    region: '兰溪市',
    year: 2023,
    facts: { entity_kinds: ['电商企业', '跨境电商企业'], online_sales: '1500万', cbec_b2c_sales_usd: '120万美元' },
  },
  { id: '"><img src=x onerror=alert(1)>', name: '"><img src=x onerror=alert(1)>', region: '莲都区', year: 2023, facts: { online_sales: '2500万' } },
  { id: 'BAD-1', name: '错误行甲', region: '<script>alert(2)</script>', year: 2023, facts: {} },
  { id: 'BAD-2', name: '错误行乙', region: '兰溪市', year: 2023, facts: { online_sales: '很多' } },
  { id: 'HZ-1', name: '杭州某电商有限公司', region: '西湖区', year: 2023, facts: { entity_kinds: ['电商企业'], online_sales: '3亿' } },
]
  .map((r) => JSON.stringify(r))
  .join('\n');
