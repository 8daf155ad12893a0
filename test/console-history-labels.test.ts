import { describe, expect, it } from 'vitest';
import { en } from '../web/src/locales/en.js';
import { zh } from '../web/src/locales/zh.js';
import { actorWords, changeLines, reasonWords, type Translate } from '../web/src/features/work-orders/history-labels.js';

// Staff history rows (issue 15: "staff history rows also show raw keys and JSON"): every changed
// field is labelled in the reader's language, ids read as names, values as words.
function translator(messages: object): Translate {
  return (key, options = {}) => {
    const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
    const text = typeof found === 'string' ? found : typeof options.defaultValue === 'string' ? options.defaultValue : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(options[k] ?? ''));
  };
}
const formats = { dateTime: (iso: string) => `<${iso.slice(0, 16)}>`, count: (n: number) => n.toLocaleString('en') };
const providerId = '0b0f6a64-5b2c-4c8e-9d3e-1f2a3b4c5d6e';
const technicianId = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const names = { [providerId]: '天河服务网点', [technicianId]: '季建国' };

// What the server writes on the steps of an order (work-orders.service.ts: diff of the patch).
const rows: { changes: Record<string, { from: unknown; to: unknown }> }[] = [
  { changes: { status: { from: 'awaiting_dispatch', to: 'dispatched' }, providerId: { from: null, to: providerId }, technicianId: { from: null, to: null } } },
  { changes: { technicianId: { from: null, to: technicianId }, technicianAcceptedAt: { from: '2026-12-06T01:00:00.000Z', to: null } } },
  { changes: { checkedInAt: { from: null, to: '2026-12-07T01:20:00.000Z' }, checkInLat: { from: null, to: 23.131 }, checkInLng: { from: null, to: 113.321 }, checkInDistanceM: { from: null, to: 1240 }, checkInFar: { from: null, to: true }, visitCount: { from: 0, to: 1 } } },
  { changes: { confirmedSerials: { from: null, to: ['IN123', 'OUT456'] }, workNotes: { from: null, to: 'x'.repeat(300) } } },
  { changes: { followUp: { from: null, to: { satisfaction: 'delighted', attitude: 5, skill: 4, fixedFirstTime: true, repeatVisit: false, comment: '很好' } } } },
  { changes: { holdReason: { from: null, to: 'waiting_for_parts' }, statusBeforeHold: { from: null, to: 'booked' }, partsWaitMs: { from: 0, to: 7_200_000 } } },
  { changes: { address: { from: { province: '广东省', city: '广州市', district: '天河区', street: '体育西路 101 号', lat: 23.13, lng: 113.32 }, to: { province: '广东省', city: '广州市', district: '越秀区', street: '中山五路 1 号', lat: null, lng: null } } } },
];

describe('staff history rows as words', () => {
  for (const [lang, messages] of [['en', en], ['zh', zh]] as const) {
    it(`labels every field, names ids and never shows a raw key or JSON (${lang})`, () => {
      const t = translator(messages);
      const lines = rows.flatMap((r) => changeLines(r, names, t, formats));
      const text = lines.map((l) => `${l.label}: ${l.from} → ${l.to}`).join('\n');
      for (const l of lines) expect(l.label, `the label of ${l.field}`).not.toBe(l.field);
      expect(text).not.toMatch(/[{}"]/);
      expect(text).not.toContain(providerId);
      expect(text).not.toContain(technicianId);
      expect(text).not.toMatch(/\b(providerId|technicianId|technicianAcceptedAt|checkInFar|checkInDistanceM|followUp|fixedFirstTime|holdReason|waiting_for_parts|statusBeforeHold)\b/);
      expect(text).toContain('天河服务网点');
      expect(text).toContain('季建国');
      expect(text).toContain('IN123, OUT456');
      expect(text).toContain('<2026-12-07T01:20>');
    });
  }

  it('reads the distance, booleans and the follow-up in English words', () => {
    const t = translator(en);
    const lines = rows.flatMap((r) => changeLines(r, names, t, formats));
    const byField = Object.fromEntries(lines.map((l) => [l.field, l]));
    expect(byField.checkInDistanceM.to).toBe('1,240 m');
    expect(byField.checkInFar).toMatchObject({ label: 'Too far from the address', to: 'yes' });
    expect(byField.followUp.to).toBe('Satisfaction: Delighted; Attitude (1–5): 5; Skill (1–5): 4; Fixed the first time: yes; The technician came more than once: no; Comment: 很好');
    expect(byField.holdReason.to).toBe('Waiting for parts');
    expect(byField.partsWaitMs.to).toBe('120 min');
    expect(byField.address.to).toBe('广东省 广州市 越秀区 中山五路 1 号');
    expect(byField.providerId.to).toBe('天河服务网点');
    expect(changeLines({ changes: { technicianId: { from: null, to: 'a-hidden-id' } } }, {}, t, formats)[0].to).toBe('someone you cannot see');
  });

  it('names the actor without a token id, and an automatic reason in the reader\'s language', () => {
    const t = translator(en);
    expect(actorWords('user:dispatcher', t)).toBe('dispatcher');
    expect(actorWords('token:3f2a1b:intake-bot', t)).toBe('intake-bot (API token)');
    expect(actorWords('customer:0b0f6a64', t)).toBe('the customer');
    expect(reasonWords('Automatic: P01 serves this region, load 30% / 自动派单', 'zh-CN')).toBe('自动派单');
    expect(reasonWords('Automatic: P01 serves this region, load 30% / 自动派单', 'en')).toBe('Automatic: P01 serves this region, load 30%');
    expect(reasonWords('客户改约 / 改到下午', 'en')).toBe('客户改约 / 改到下午');
  });
});
