// A return case as the customer reads it: the staff's history rows in plain words, with the money.
// Built field by field: who did a step, findings, reasons and warehouse codes never reach the
// customer unless copied here on purpose. Pure.
import { formatMoney, money } from '../../shared/money.js';
import { windowWords } from '../../shared/zoned.js';
import type { Decision } from './returns.rules.js';

type Words = { zh: string; en: string };
export type TimelineRow = { action: string; toStatus: string; details: Record<string, unknown>; at: Date };
/** What decide and execute record per line, for the customer's words. */
export type LineMoney = { decision: Decision; refundFen: number | null; priceDifferenceFen: number | null; currency: string; onDate?: string | null; refundMethod?: string };

const methodWords: Record<string, Words> = {
  cash: { zh: '现金', en: 'in cash' },
  wechat_pay: { zh: '微信支付', en: 'by WeChat Pay' },
  alipay: { zh: '支付宝', en: 'by Alipay' },
  bank_transfer: { zh: '银行转账', en: 'by bank transfer' },
  card: { zh: '银行卡', en: 'to your card' },
};

const yuan = (fen: number, currency: string) => formatMoney(money(fen, currency));

function lineWords(l: LineMoney, when: 'decided' | 'executed'): Words {
  if (l.decision === 'refund') {
    const amount = yuan(l.refundFen ?? 0, l.currency);
    if (when === 'decided') return { zh: `退货退款 ${amount}`, en: `a refund of ${amount}` };
    const how = l.refundMethod ? methodWords[l.refundMethod] : undefined;
    return how ? { zh: `退款 ${amount} 已通过${how.zh}退还`, en: `refund of ${amount} paid back ${how.en}` } : { zh: `退款 ${amount} 已办理`, en: `refund of ${amount} paid` };
  }
  if (l.decision === 'exchange') {
    const diff = l.priceDifferenceFen ?? 0;
    const zhDiff = diff > 0 ? `，需补差价 ${yuan(diff, l.currency)}` : diff < 0 ? `，退还差价 ${yuan(-diff, l.currency)}` : '';
    const enDiff = diff > 0 ? `, with ${yuan(diff, l.currency)} to pay` : diff < 0 ? `, with ${yuan(-diff, l.currency)} back to you` : '';
    if (when === 'decided') return { zh: `换货${zhDiff}`, en: `an exchange${enDiff}` };
    return { zh: `新机已换好，三包期自 ${l.onDate} 起重新计算${zhDiff}`, en: `replacement handed over; its 三包 warranty starts again on ${l.onDate}${enDiff}` };
  }
  return when === 'decided' ? { zh: '免费修理', en: 'a repair' } : { zh: '安排修理', en: 'repair arranged' };
}

const join = (ws: Words[]): Words => ({ zh: ws.map((w) => w.zh).join('；'), en: ws.map((w) => w.en).join('; ') });

/** One entry per step the customer cares about; internal steps (a single signature, a unit's fate) are left out. */
export function customerEntries(rows: readonly TimelineRow[], timeZone: string): { at: string; text: Words }[] {
  const out: { at: string; text: Words }[] = [];
  const push = (at: Date, text: Words) => out.push({ at: at.toISOString(), text });
  for (const h of rows) {
    const lines = (h.details.lines as LineMoney[] | undefined) ?? [];
    switch (h.action) {
      case 'open':
        push(h.at, { zh: '我们已受理您的退换货申请', en: 'We opened your return/exchange request' });
        break;
      case 'start_appraisal':
        push(h.at, { zh: '您的设备正在鉴定', en: 'Your appliance is being inspected' });
        break;
      case 'appraise':
      case 'sign':
        if (h.toStatus === 'appraised') push(h.at, { zh: '鉴定已完成', en: 'The inspection is finished' });
        break;
      case 'decide': {
        const w = join(lines.map((l) => lineWords(l, 'decided')));
        push(h.at, { zh: `处理方案：${w.zh}`, en: `Our decision: ${w.en}` });
        break;
      }
      case 'approve':
        push(h.at, { zh: '处理方案已批准', en: 'The decision was approved' });
        break;
      case 'execute': {
        const w = join(lines.map((l) => lineWords(l, 'executed')));
        push(h.at, { zh: `已办理：${w.zh}`, en: `Done: ${w.en}` });
        break;
      }
      case 'book_pickup': {
        const from = h.details.from as string | undefined;
        const to = h.details.to as string | undefined;
        const when = from && to ? windowWords(new Date(from), new Date(to), timeZone) : null;
        push(h.at, when ? { zh: `已预约上门取回旧机：${when.zh}`, en: `Pickup of the old unit booked: ${when.en}` } : { zh: '已预约上门取回旧机', en: 'Pickup of the old unit booked' });
        break;
      }
      case 'picked_up':
        push(h.at, { zh: '旧机已上门取回', en: 'We picked up the old unit' });
        break;
      case 'receive':
        push(h.at, { zh: '旧机已收回', en: 'We received the old unit' });
        break;
      case 'close':
        push(h.at, { zh: '退换货已完结', en: 'Your return/exchange is complete' });
        break;
      case 'reject':
        push(h.at, { zh: '很抱歉，您的退换货申请未获同意，如有疑问请联系客服', en: 'Sorry, your request was not granted; please contact us with any questions' });
        break;
    }
  }
  return out;
}
