import { describe, expect, it } from 'vitest';
import { areaTypeOf, creditAfterReprice, defaultJobMode, distanceFlags, payerFor, priceVisit, remoteFee, totalsByPayer, versionInForce, type DistanceBand, type PriceListContent, type UnitToPrice, type VersionRef, tierDiscountLines, freeVisitLines } from './fees.rules.js';

const AC = 'cat-ac';
const WASHER = 'cat-washer';
const content: PriceListContent = {
  currency: 'CNY',
  labour: [
    { categoryId: AC, kind: 'repair', mode: 'part_swap', callOutFen: 3000, labourFen: 12000 },
    { categoryId: AC, kind: 'repair', mode: 'adjustment', callOutFen: 3000, labourFen: 5000 },
    { categoryId: WASHER, kind: 'repair', mode: 'part_swap', callOutFen: 2000, labourFen: 8000 },
    { categoryId: null, kind: 'repair', mode: 'part_swap', callOutFen: 2500, labourFen: 9000 },
    { categoryId: AC, kind: 'installation', mode: 'installation', callOutFen: 0, labourFen: 15000 },
    { categoryId: AC, kind: 'repair', mode: 'relocation', callOutFen: 3000, labourFen: 20000 },
  ],
  extras: [
    { code: 'pipe_m', nameZh: '加长铜管（每米）', nameEn: 'Pipe extension (per metre)', unit: 'metre', priceFen: 6500, customerPays: true },
    { code: 'bracket', nameZh: '外机支架', nameEn: 'Outdoor bracket', unit: 'each', priceFen: 12000, customerPays: false },
  ],
  distance: [
    { areaType: 'city', freeKm: 20, ratePerKmFen: 200, maxKm: null },
    { areaType: 'town', freeKm: 10, ratePerKmFen: 200, maxKm: null },
    { areaType: 'mountain', freeKm: 25, ratePerKmFen: 150, maxKm: 80 },
  ],
  areas: [
    { province: '广东省', city: '清远市', areaType: 'town' },
    { province: '广东省', city: '清远市', district: '连山壮族瑶族自治县', areaType: 'mountain' },
  ],
  defaultAreaType: 'city',
};
const city = { province: '广东省', city: '广州市', district: '天河区' };
const paid = { rule: 'sanbao.outOfWarranty', free: false, reason: { zh: '已过保修期', en: 'out of warranty' } };
const free = { rule: 'sanbao.inWarrantyRepair', free: true, reason: { zh: '整机保修期内', en: 'in whole-unit warranty' } };
const unit = (over: Partial<UnitToPrice> = {}): UnitToPrice => ({ orderId: 'o1', categoryId: AC, kind: 'repair', mode: 'part_swap', warranty: paid, extras: [], parts: [], ...over });

describe('remote fee: every band edge, rounded half up to the fen', () => {
  const cityBand: DistanceBand = { areaType: 'city', freeKm: 20, ratePerKmFen: 200, maxKm: null };
  const odd: DistanceBand = { areaType: 'town', freeKm: 10, ratePerKmFen: 150, maxKm: null };
  const capped: DistanceBand = { areaType: 'mountain', freeKm: 25, ratePerKmFen: 150, maxKm: 80 };
  it.each([
    ['at the base', cityBand, 0, 0, false],
    ['a metre short of the threshold', cityBand, 19_999, 0, false],
    ['exactly at the threshold: still free', cityBand, 20_000, 0, false],
    ['one metre beyond: 0.2 fen rounds down to 0', cityBand, 20_001, 0, false],
    ['2.5 m beyond would be half a fen; 3 m is 0.6 fen → 1 fen', cityBand, 20_003, 1, false],
    ['one km beyond: ¥2', cityBand, 21_000, 200, false],
    ['(km − 20) × ¥2 at 57.3 km: 37.3 km → ¥74.60', cityBand, 57_300, 7460, false],
    ['¥1.50/km, 10 km free, 1 km 333 m beyond → 199.95 fen → 200', odd, 11_333, 200, false],
    ['¥1.50/km, 1 km 330 m beyond → 199.5 fen → 200 (half up)', odd, 11_330, 200, false],
    ['¥1.50/km, 1 km 329 m beyond → 199.35 fen → 199', odd, 11_329, 199, false],
    ['mountain, at the cap: 55 km × ¥1.50', capped, 80_000, 8250, false],
    ['mountain, a metre over the cap: charged to the cap, by agreement', capped, 80_001, 8250, true],
  ])('%s', (_name, band, metres, fen, byAgreement) => {
    const fee = remoteFee(band, metres);
    expect(fee.amountFen).toBe(fen);
    expect(Number.isInteger(fee.amountFen)).toBe(true);
    expect(fee.byAgreement).toBe(byAgreement);
  });
  it('refuses distances that are not whole metres', () => {
    expect(() => remoteFee(cityBand, 1.5)).toThrow(RangeError);
    expect(() => remoteFee(cityBand, -1)).toThrow(RangeError);
  });
});

describe('area type: the most specific rule wins', () => {
  it.each([
    ['a city without a rule: the default', city, 'city'],
    ['a city named a town', { province: '广东省', city: '清远市', district: '清城区' }, 'town'],
    ['a district of that city named mountain', { province: '广东省', city: '清远市', district: '连山壮族瑶族自治县' }, 'mountain'],
    ['the same city name in another province', { province: '湖南省', city: '清远市', district: '清城区' }, 'city'],
  ] as const)('%s', (_n, place, type) => expect(areaTypeOf(content, place)).toBe(type));
});

describe('version in force: provider contract first, else national, by the day the work was done', () => {
  const v = (id: string, scope: 'national' | 'provider', effectiveFrom: string, status: 'draft' | 'published' = 'published', providerId: string | null = scope === 'provider' ? 'P1' : null): VersionRef => ({ id, scope, providerId, status, effectiveFrom });
  const versions = [v('n1', 'national', '2026-01-01'), v('n2', 'national', '2026-07-01'), v('n3', 'national', '2026-08-01', 'draft'), v('p1', 'provider', '2026-06-15'), v('q1', 'provider', '2026-01-01', 'published', 'P2')];
  it.each([
    ['national, the day before the new version', null, '2026-06-30', 'n1'],
    ['national, on its effective day', null, '2026-07-01', 'n2'],
    ['national, the day after', null, '2026-07-02', 'n2'],
    ['a draft never prices work', null, '2026-08-02', 'n2'],
    ['provider, the day before its contract starts: national', 'P1', '2026-06-14', 'n1'],
    ['provider, on the contract effective day', 'P1', '2026-06-15', 'p1'],
    ['provider, after the national changed: its contract still', 'P1', '2026-07-10', 'p1'],
    ['a provider without a contract: national', 'P3', '2026-07-10', 'n2'],
    ['another provider’s contract is not this one’s', 'P2', '2026-07-10', 'q1'],
  ] as const)('%s', (_n, provider, day, id) => expect(versionInForce(versions, provider, day)?.id).toBe(id));
  it('is null before any list', () => expect(versionInForce(versions, 'P1', '2025-12-31')).toBeNull());
});

describe('who pays', () => {
  it.each([
    ['out of warranty → customer, the 三包 rule kept', 'repair', 'part_swap', paid, 'customer', 'sanbao.outOfWarranty'],
    ['in warranty → maker', 'repair', 'part_swap', free, 'maker', 'sanbao.inWarrantyRepair'],
    ['an excluded cause (misuse) → customer', 'repair', 'adjustment', { rule: 'sanbao.excluded.misuse', free: false, reason: paid.reason }, 'customer', 'sanbao.excluded.misuse'],
    ['installation → maker, whatever the warranty', 'installation', 'installation', paid, 'maker', 'fees.installationByMaker'],
    ['relocation → customer even in warranty', 'repair', 'relocation', free, 'customer', 'fees.customerService'],
    ['no unit → customer', 'repair', 'adjustment', null, 'customer', 'fees.noUnit'],
  ] as const)('%s', (_n, kind, mode, answer, payer, rule) => {
    const d = payerFor(kind, mode, answer);
    expect(d).toMatchObject({ payer, rule });
    expect(d.reason.zh.length).toBeGreaterThan(0);
    expect(d.reason.en.length).toBeGreaterThan(0);
  });
});

describe('pricing a visit', () => {
  it('an out-of-warranty repair with a remote fee: call-out, labour, remote, all the customer’s', () => {
    const p = priceVisit({ content, units: [unit()], place: city, roadMetres: 32_500 });
    expect(p.lines.map((l) => [l.kind, l.amountFen, l.payer])).toEqual([
      ['call_out', 3000, 'customer'],
      ['labour', 12000, 'customer'],
      ['remote', 2500, 'customer'],
    ]);
    expect(p.problems).toEqual([]);
    expect(p.lines[2].facts).toMatchObject({ roadMetres: 32_500, chargedMetres: 12_500, areaType: 'city' });
  });

  it('an in-warranty repair: every line the maker’s, with the rule that decided it', () => {
    const p = priceVisit({ content, units: [unit({ warranty: free })], place: city, roadMetres: 40_000 });
    expect(new Set(p.lines.map((l) => l.payer))).toEqual(new Set(['maker']));
    expect(p.lines.every((l) => l.rule === 'sanbao.inWarrantyRepair')).toBe(true);
  });

  it('a category without its own labour row takes the any-category row', () => {
    const p = priceVisit({ content, units: [unit({ categoryId: 'cat-tv' })], place: city, roadMetres: 0 });
    expect(p.lines.find((l) => l.kind === 'labour')?.amountFen).toBe(9000);
  });

  it('no labour row at all: no labour lines and a problem naming the field', () => {
    const p = priceVisit({ content, units: [unit({ kind: 'maintenance' })], place: city, roadMetres: 0 });
    expect(p.lines).toEqual([]);
    expect(p.problems[0].path).toBe('units.0.mode');
  });

  it('one household, three units in one visit: one remote fee, only the highest call-out in full', () => {
    const p = priceVisit({
      content,
      units: [unit({ orderId: 'washer', categoryId: WASHER }), unit({ orderId: 'ac', categoryId: AC, mode: 'adjustment' }), unit({ orderId: 'ac2', categoryId: AC })],
      place: { province: '广东省', city: '清远市', district: '清城区' },
      roadMetres: 15_000,
    });
    const callOuts = p.lines.filter((l) => l.kind === 'call_out').map((l) => [l.orderId, l.amountFen, l.rule]);
    // AC's ¥30 beats the washer's ¥20; on the tie between the two ACs the first keeps it.
    expect(callOuts).toEqual([
      ['washer', 0, 'visit.callOutOncePerVisit'],
      ['ac', 3000, 'sanbao.outOfWarranty'],
      ['ac2', 0, 'visit.callOutOncePerVisit'],
    ]);
    const remote = p.lines.filter((l) => l.kind === 'remote');
    expect(remote).toHaveLength(1);
    // A town: 10 km free, 5 km × ¥2.
    expect(remote[0]).toMatchObject({ orderId: 'ac', amountFen: 1000, code: 'remote_town' });
    expect(p.lines.filter((l) => l.kind === 'labour').map((l) => l.amountFen)).toEqual([8000, 5000, 12000]);
  });

  it('the remote fee follows the payer of the unit that carries the call-out', () => {
    const p = priceVisit({ content, units: [unit({ orderId: 'w', categoryId: WASHER, warranty: paid }), unit({ orderId: 'a', warranty: free })], place: city, roadMetres: 30_000 });
    expect(p.lines.find((l) => l.kind === 'remote')).toMatchObject({ orderId: 'a', payer: 'maker' });
    expect(p.lines.find((l) => l.orderId === 'w' && l.kind === 'labour')?.payer).toBe('customer');
  });

  it('warranty vs paid lines: an extra the list marks customer-paid stays the customer’s in warranty; a bracket and a part follow the warranty', () => {
    const p = priceVisit({
      content,
      units: [unit({ kind: 'installation', mode: 'installation', warranty: free, extras: [{ code: 'pipe_m', quantity: 3 }, { code: 'bracket', quantity: 1 }], parts: [{ nameZh: '电容', nameEn: 'Capacitor', priceFen: 4550, quantity: 2 }] })],
      place: city,
      roadMetres: null,
    });
    expect(p.lines.map((l) => [l.kind, l.code, l.amountFen, l.payer])).toEqual([
      ['call_out', 'call_out', 0, 'maker'],
      ['labour', 'installation', 15000, 'maker'],
      ['extra', 'pipe_m', 19500, 'customer'],
      ['extra', 'bracket', 12000, 'maker'],
      ['part', 'part', 9100, 'maker'],
    ]);
    expect(p.lines.some((l) => l.kind === 'remote')).toBe(false);
  });

  it('bad extras: an unknown code and a fractional quantity are problems, not lines', () => {
    const p = priceVisit({ content, units: [unit({ extras: [{ code: 'gold', quantity: 1 }, { code: 'pipe_m', quantity: 1.5 }] })], place: city, roadMetres: 0 });
    expect(p.problems.map((x) => x.path)).toEqual(['units.0.extras.0.code', 'units.0.extras.1.quantity']);
    expect(p.lines.filter((l) => l.kind === 'extra')).toEqual([]);
  });

  it('beyond the cap: charged to the cap and flagged by agreement', () => {
    const p = priceVisit({ content, units: [unit()], place: { province: '广东省', city: '清远市', district: '连山壮族瑶族自治县' }, roadMetres: 120_000 });
    expect(p.lines.find((l) => l.kind === 'remote')?.amountFen).toBe(8250);
    expect(p.problems.map((x) => x.path)).toEqual(['distance']);
  });
});

describe('plausibility of the road distance against the straight line', () => {
  const base = [113.32, 23.13] as const;
  const there = [113.42, 23.13] as const; // about 10.2 km east
  it.each([
    ['a road a little longer than the crow flies: fine', 13_000, []],
    ['a road shorter than the straight line', 9_000, ['road_shorter_than_straight']],
    ['a road over three times the straight line', 40_000, ['road_over_three_times_straight']],
  ] as const)('%s', (_n, road, flags) => expect(distanceFlags(road, base, there).flags).toEqual(flags));
});

describe('totals and job modes', () => {
  it('sums per payer and adds up to the whole', () => {
    const lines = [
      { payer: 'customer' as const, amountFen: 3000 },
      { payer: 'maker' as const, amountFen: 12000 },
      { payer: 'customer' as const, amountFen: 1 },
    ];
    const t = totalsByPayer(lines);
    expect(t).toEqual([
      { payer: 'maker', amountFen: 12000 },
      { payer: 'customer', amountFen: 3001 },
    ]);
    expect(t.reduce((n, x) => n + x.amountFen, 0)).toBe(15001);
  });
  it.each([
    ['installation', null, 'installation'],
    ['repair', 'part', 'part_swap'],
    ['repair', null, 'adjustment'],
    ['inspection', null, 'inspection'],
  ] as const)('%s (replacement %s) → %s', (kind, replacement, mode) => expect(defaultJobMode(kind, replacement)).toBe(mode));
});

describe('a credit after its line is priced again', () => {
  it.each([
    ['the new line still covers it: kept whole', 3000, 5000, 3000],
    ['the new line costs exactly the credit: kept whole', 3000, 3000, 3000],
    ['the new line costs less: cut to the line', 3000, 1000, 1000],
    ['one fen less', 3000, 2999, 2999],
    ['earlier credits took the whole line: nothing left', 3000, 0, 0],
    ['earlier credits took more than the line: nothing, never negative', 3000, -500, 0],
  ] as const)('%s', (_n, credit, left, kept) => expect(creditAfterReprice(credit, left)).toBe(kept));
});

describe('a loyalty tier discount on the customer\u2019s lines', () => {
  const line = (payer: 'customer' | 'maker', amountFen: number) => ({ orderId: 'o', kind: 'labour' as const, code: 'adjustment', nameZh: '工时费', nameEn: 'Labour', quantity: 1, unitFen: amountFen, amountFen, payer, rule: 'r', reason: { zh: 'z', en: 'e' }, facts: {} });
  it.each<[string, number, number[]]>([
    ['none', 0, []],
    ['5 % of ¥50 and ¥30.01, floored', 5, [-250, -150]],
    ['a whole discount', 100, [-5000, -3001]],
    ['not a percent', 101, []],
  ])('%s', (_n, percent, amounts) => {
    const out = tierDiscountLines([line('customer', 5000), line('maker', 9000), line('customer', 3001), line('customer', 0)], percent, 'gold');
    expect(out.map((l) => l.amountFen)).toEqual(amounts);
    for (const l of out) expect(l).toMatchObject({ payer: 'customer', rule: 'fees.tierDiscount', code: 'tier_discount' });
  });
});

describe('a loyalty tier\u2019s free visits per year', () => {
  const line = (kind: 'call_out' | 'labour' | 'remote' | 'part', payer: 'customer' | 'maker', amountFen: number) => ({ orderId: 'o', kind, code: kind, nameZh: kind, nameEn: kind, quantity: 1, unitFen: amountFen, amountFen, payer, rule: 'r', reason: { zh: 'z', en: 'e' }, facts: {} });
  const visit = [line('call_out', 'customer', 3000), line('labour', 'customer', 5000), line('remote', 'customer', 1200), line('part', 'customer', 9900), line('labour', 'maker', 4000)];
  it.each<[string, number, number, number[], number | null]>([
    ['no entitlement: nothing free', 0, 0, [], null],
    ['the first of two free visits: call-out, labour and remote fee taken off, the part still paid', 2, 0, [-3000, -5000, -1200], 1],
    ['the second of two: still free', 2, 1, [-3000, -5000, -1200], 2],
    ['the third visit of the year: paid', 2, 2, [], null],
    ['more used than given (a tier lowered mid-year): paid', 1, 3, [], null],
  ])('%s', (_n, perYear, used, amounts, nth) => {
    const out = freeVisitLines(visit, { perYear, used, tier: 'gold', year: '2026', customerId: 'c', visitKey: 'v' });
    expect(out.map((l) => l.amountFen)).toEqual(amounts);
    for (const l of out) expect(l).toMatchObject({ payer: 'customer', rule: 'fees.tierFreeVisit', code: 'tier_free_visit', facts: { nth, perYear, year: '2026', customerId: 'c', visitKey: 'v' } });
  });
});
