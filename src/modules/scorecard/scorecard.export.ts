// The scorecard as a file: CSV and XLSX (one row per measure, with its twelve-month trend) and a printable page.
import ExcelJS from 'exceljs';
import { csvRow, formatFigure } from './scorecard.rules.js';
import type { ScorecardCard } from './scorecard.contract.js';

export type Lang = 'zh' | 'en';

const lightNames = { green: { zh: '绿', en: 'green' }, amber: { zh: '黄', en: 'amber' }, red: { zh: '红', en: 'red' }, none: { zh: '—', en: '—' } };
const heads = { zh: ['视角', '指标', '数值', '单位', '信号灯', '目标', '绿灯', '红灯', '负责人', '定义'], en: ['Perspective', 'Measure', 'Value', 'Unit', 'Light', 'Target', 'Green', 'Red', 'Owner', 'Definition'] };

function title(card: ScorecardCard, lang: Lang) {
  const who = card.keyName ?? card.key;
  return lang === 'zh' ? `平衡计分卡 ${card.month}${who ? ` · ${who}` : ' · 公司'}` : `Balanced scorecard ${card.month}${who ? ` · ${who}` : ' · company'}`;
}

function rows(card: ScorecardCard, lang: Lang): (string | number | null)[][] {
  const months = card.perspectives.flatMap((p) => p.measures)[0]?.trend.map((t) => t.month) ?? [];
  const out: (string | number | null)[][] = [[...heads[lang], ...months]];
  for (const p of card.perspectives)
    for (const m of p.measures)
      out.push([
        lang === 'zh' ? p.nameZh : p.nameEn,
        lang === 'zh' ? m.nameZh : m.nameEn,
        m.value === null ? (lang === 'zh' ? '无数据' : 'no data') : m.unit === 'fen' ? m.value / 100 : Math.round(m.value * 100) / 100,
        m.unit === 'fen' ? (lang === 'zh' ? '元' : 'yuan') : m.unit,
        lightNames[m.light][lang],
        ...[m.target, m.green, m.red].map((x) => (x === null ? null : m.unit === 'fen' ? x / 100 : x)),
        m.owner,
        lang === 'zh' ? m.definitionZh : m.definitionEn,
        ...m.trend.map((t) => (t.value === null ? null : m.unit === 'fen' ? t.value / 100 : Math.round(t.value * 100) / 100)),
      ]);
  return out;
}

export function renderCsv(card: ScorecardCard, lang: Lang): string {
  // A byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
  return '\uFEFF' + csvRow([title(card, lang)]) + rows(card, lang).map(csvRow).join('');
}

export async function renderXlsx(card: ScorecardCard, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(card.month);
  ws.addRow([title(card, lang)]).font = { bold: true };
  const all = rows(card, lang);
  ws.addRow(all[0]).font = { bold: true };
  for (const r of all.slice(1)) ws.addRow(r);
  ws.getColumn(10).width = 60;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const esc = (s: string | number | null) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderHtml(card: ScorecardCard, lang: Lang): string {
  const sections = card.perspectives
    .map((p) => {
      const body = p.measures
        .map(
          (m) =>
            `<tr><td>${esc(lang === 'zh' ? m.nameZh : m.nameEn)}</td><td class="n">${esc(formatFigure(m.value, m.unit, lang))}</td><td class="l ${m.light}">${esc(lightNames[m.light][lang])}</td>` +
            `<td class="n">${esc(m.target === null ? '' : formatFigure(m.target, m.unit, lang))}</td><td>${esc(m.trend.map((t) => formatFigure(t.value, m.unit, lang)).join(' · '))}</td><td>${esc(lang === 'zh' ? m.definitionZh : m.definitionEn)}</td></tr>`,
        )
        .join('\n');
      const h = lang === 'zh' ? ['指标', '数值', '信号灯', '目标', '趋势', '定义'] : ['Measure', 'Value', 'Light', 'Target', 'Trend', 'Definition'];
      return `<h2>${esc(lang === 'zh' ? p.nameZh : p.nameEn)}</h2><table><thead><tr>${h.map((x) => `<th>${x}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(title(card, lang))}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #999;padding:4px 6px;font-size:12px}.n{text-align:right}.green{background:#d9f2d9}.amber{background:#fff0c2}.red{background:#f8d0d0}@media print{body{margin:0}h2{break-after:avoid}}</style></head>
<body><h1>${esc(title(card, lang))}</h1>
${sections}
</body></html>`;
}
