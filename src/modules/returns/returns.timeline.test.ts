import { describe, expect, it } from 'vitest';
import { customerEntries, type TimelineRow } from './returns.timeline.js';

const at = (h: number) => new Date(Date.UTC(2026, 5, 1, h));
const row = (action: string, toStatus: string, details: Record<string, unknown> = {}, h = 0): TimelineRow => ({ action, toStatus, details, at: at(h) });

describe("a return case in the customer's words", () => {
  it('says each step the customer cares about, with the money, and leaves internal steps out', () => {
    const entries = customerEntries(
      [
        row('open', 'opened', { lines: [{ unitId: 'u', rule: 'sanbao.7day', requested: 'refund' }] }),
        row('start_appraisal', 'appraising'),
        row('appraise', 'appraising', { responsibility: 'product_quality' }),
        row('sign', 'appraised'),
        row('decide', 'decided', { lines: [{ decision: 'exchange', refundFen: null, priceDifferenceFen: 150_000, currency: 'CNY' }, { decision: 'refund', refundFen: 329_900, priceDifferenceFen: null, currency: 'CNY' }] }),
        row('approve', 'approved'),
        row('execute', 'executed', { lines: [{ decision: 'exchange', refundFen: null, priceDifferenceFen: -5_000, currency: 'CNY', onDate: '2026-06-03' }] }),
        row('book_pickup', 'executed', { from: '2026-06-03T01:00:00Z', to: '2026-06-03T03:00:00Z', state: 'pickup_booked' }),
        row('receive', 'executed', { warehouse: 'WH-1' }),
        row('fate', 'executed', { to: 'scrap' }),
        row('close', 'closed'),
      ],
      'Asia/Shanghai',
    );
    expect(entries.map((e) => e.text.zh)).toEqual([
      '我们已受理您的退换货申请',
      '您的设备正在鉴定',
      '鉴定已完成',
      '处理方案：换货，需补差价 ¥1500.00；退货退款 ¥3299.00',
      '处理方案已批准',
      '已办理：新机已换好，三包期自 2026-06-03 起重新计算，退还差价 ¥50.00',
      '已预约上门取回旧机：6月3日 09:00–11:00',
      '旧机已收回',
      '退换货已完结',
    ]);
    expect(entries[3].text.en).toBe('Our decision: an exchange, with ¥1500.00 to pay; a refund of ¥3299.00');
    expect(JSON.stringify(entries)).not.toContain('WH-1');
  });

  it('tells a rejection without its (internal) reason', () => {
    const [entry] = customerEntries([row('reject', 'rejected', { reason: '内部：疑似人为损坏' })], 'Asia/Shanghai');
    expect(entry.text.en).toContain('not granted');
    expect(JSON.stringify(entry)).not.toContain('内部');
  });
});
