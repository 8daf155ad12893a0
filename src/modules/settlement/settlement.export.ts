// A statement as a file: CSV and XLSX for the provider's and the maker's books, and a printable page.
import ExcelJS from 'exceljs';
import { csvRow } from './settlement.rules.js';
import type { StatementDetailView } from './settlement.contract.js';

export type Lang = 'zh' | 'en';

const heads = {
  zh: ['行号', '类型', '工单', '项目', '说明', '金额（元）', '币种', '异议'],
  en: ['Line', 'Kind', 'Order', 'Item', 'Explanation', 'Amount (yuan)', 'Currency', 'Dispute'],
};
const kinds = { fee: { zh: '费用', en: 'Fee' }, collected: { zh: '代收扣回', en: 'Collected' }, rule: { zh: '奖惩', en: 'Reward/penalty' }, correction: { zh: '更正', en: 'Correction' } };
const yuan = (fen: number) => (fen / 100).toFixed(2);

function rows(d: StatementDetailView, lang: Lang) {
  return d.lines.map((l) => [l.lineNo, kinds[l.kind][lang], l.orderNumber, lang === 'zh' ? l.nameZh : l.nameEn, l.explain[lang], yuan(l.amountFen), l.currency, l.disputeStatus ?? ''] as (string | number | null)[]);
}
// The orders held back, each with what holds it and, once cleared, the statement that settled it.
const heldHeads = {
  zh: ['暂缓结算的工单', '原因', '已在以下期间结算'],
  en: ['Order held back', 'Reasons', 'Settled since in'],
};
function heldRows(d: StatementDetailView, lang: Lang): string[][] {
  return d.held.map((h) => [h.orderNumber, h.reasons.map((r) => r.name[lang]).join(lang === 'zh' ? '；' : '; '), h.settledIn?.period ?? '']);
}
const title = (d: StatementDetailView, lang: Lang) => (lang === 'zh' ? `${d.providerName ?? d.providerId} ${d.period} 结算单（${d.statusName.zh}）` : `${d.providerNameEn ?? d.providerName ?? d.providerId} statement ${d.period} (${d.statusName.en})`);
const totalLabel = { zh: '合计', en: 'Total' };

export function renderCsv(d: StatementDetailView, lang: Lang): string {
  // A byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
  const csv = '\uFEFF' + csvRow(heads[lang]) + rows(d, lang).map(csvRow).join('') + csvRow([totalLabel[lang], '', '', '', '', yuan(d.totalFen), d.currency, '']);
  if (!d.held.length) return csv;
  // The held orders below the lines, after an empty row, under their own heading.
  return csv + csvRow([]) + csvRow(heldHeads[lang]) + heldRows(d, lang).map(csvRow).join('');
}

export async function renderXlsx(d: StatementDetailView, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(d.period);
  ws.addRow([title(d, lang)]).font = { bold: true };
  ws.addRow(heads[lang]).font = { bold: true };
  for (const l of d.lines) ws.addRow([l.lineNo, kinds[l.kind][lang], l.orderNumber ?? '', lang === 'zh' ? l.nameZh : l.nameEn, l.explain[lang], l.amountFen / 100, l.currency, l.disputeStatus ?? '']);
  ws.addRow([totalLabel[lang], '', '', '', '', d.totalFen / 100, d.currency, '']).font = { bold: true };
  ws.getColumn(6).numFmt = '0.00';
  ws.getColumn(5).width = 60;
  if (d.held.length) {
    const held = wb.addWorksheet(lang === 'zh' ? '暂缓结算' : 'Held back');
    held.addRow(heldHeads[lang]).font = { bold: true };
    for (const r of heldRows(d, lang)) held.addRow(r);
    held.getColumn(2).width = 40;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const esc = (s: string | number | null) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderHtml(d: StatementDetailView, lang: Lang): string {
  const body = rows(d, lang)
    .map((r) => `<tr>${r.map((c, i) => `<td${i === 5 ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(title(d, lang))}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;font-size:12px}.n{text-align:right}@media print{body{margin:0}}</style></head>
<body><h1>${esc(title(d, lang))}</h1>
<p>${esc(lang === 'zh' ? `期间 ${d.periodFrom} 至 ${d.periodTo}（不含），${d.orderCount} 单结算，${d.heldCount} 单暂缓` : `Period ${d.periodFrom} to ${d.periodTo} (exclusive); ${d.orderCount} orders settled, ${d.heldCount} held`)}</p>
<table><thead><tr>${heads[lang].map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${body}
<tr><th colspan="5">${totalLabel[lang]}</th><th class="n">${yuan(d.totalFen)}</th><th>${esc(d.currency)}</th><th></th></tr></tbody></table>
${d.held.length ? `<table><thead><tr>${heldHeads[lang].map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>\n${heldRows(d, lang).map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>` : ''}
${d.paymentReference ? `<p>${esc(lang === 'zh' ? `付款流水号：${d.paymentReference}` : `Payment reference: ${d.paymentReference}`)}</p>` : ''}
</body></html>`;
}
