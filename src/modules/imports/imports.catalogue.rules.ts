// Pure rules of the catalogue imports: spare parts (the part number is the key) and price lists
// (one row per price item of a list's draft version). Each problem names its column and reason in
// English and Chinese, as the other imports' rules do.
import type { ImportedPart } from '../parts/index.js';
import type { ImportedPriceItem } from '../fees/index.js';
import type { PartField, PriceField } from './imports.fields.js';

export type Problem = { column: string; en: string; zh: string };
type ItemOf<S extends ImportedPriceItem['section']> = Extract<ImportedPriceItem, { section: S }>['item'];
type JobMode = ItemOf<'labour'>['mode'];
type AreaType = ItemOf<'area'>['areaType'];

/** Headers each part field is found under: its own name (Aftercare's parts export writes these) and common Chinese headers. */
export const partAliases: Record<PartField, string[]> = {
  number: ['number', 'partnumber', '配件编号', '配件号', '物料号', '物料编码'],
  nameZh: ['namezh', '中文名称', '配件名称', '名称'],
  nameEn: ['nameen', '英文名称'],
  listFen: ['listfen', '零售价（分）', '零售价(分)', '价格（分）', '价格(分)'],
  issueFen: ['issuefen', '结算价（分）', '结算价(分)'],
  currency: ['currency', '币种'],
  isMain: ['ismain', '主要部件', '主件'],
  serialised: ['serialised', 'serialized', '序列号管理'],
  returnable: ['returnable', '旧件返厂', '需返厂'],
  returnDays: ['returndays', '返厂天数'],
  warrantyMonths: ['warrantymonths', '保修月数', '保修期（月）'],
  active: ['active', '启用'],
  modelCodes: ['modelcodes', 'models', '适用型号', '型号'],
};

/** Price items: Aftercare's price-list export writes these headers. */
export const priceAliases: Record<PriceField, string[]> = {
  externalKey: ['externalkey', 'key', '编号', '外部编号'],
  providerCode: ['providercode', 'provider', '服务商编码'],
  effectiveFrom: ['effectivefrom', '生效日期'],
  section: ['section', '类别', '项目类别'],
  categoryCode: ['categorycode', 'category', '产品品类', '品类'],
  kind: ['kind', '工单类型', '类型'],
  mode: ['mode', '作业方式', '服务方式'],
  callOutFen: ['calloutfen', '上门费（分）', '上门费(分)'],
  labourFen: ['labourfen', 'laborfen', '工时费（分）', '工时费(分)'],
  code: ['code', '代码', '项目代码'],
  nameZh: ['namezh', '中文名称', '名称'],
  nameEn: ['nameen', '英文名称'],
  unit: ['unit', '单位'],
  priceFen: ['pricefen', '单价（分）', '单价(分)'],
  customerPays: ['customerpays', '客户承担'],
  areaType: ['areatype', '区域类型'],
  freeKm: ['freekm', '免费公里'],
  ratePerKmFen: ['rateperkmfen', '每公里（分）', '每公里(分)'],
  maxKm: ['maxkm', '最远公里'],
  province: ['province', '省', '省份'],
  city: ['city', '市', '城市'],
  district: ['district', '区', '区县'],
};

const yes = new Set(['true', '1', 'yes', 'y', '是']);
const no = new Set(['false', '0', 'no', 'n', '否']);

/** A cell as an export wrote it: a leading ' guards a formula-like text in spreadsheets, and is dropped. */
const cell = (v: string | undefined) => {
  const s = (v ?? '').trim();
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
};

type Reader<F extends string> = { v: (f: F) => string; bad: (f: F, en: string, zh: string) => void };

function reader<F extends string>(get: (f: F) => string | undefined, columnOf: (f: F) => string, problems: Problem[]): Reader<F> {
  return { v: (f) => cell(get(f)), bad: (f, en, zh) => problems.push({ column: columnOf(f), en, zh }) };
}

function flag<F extends string>(r: Reader<F>, f: F, fallback: boolean): boolean {
  const text = r.v(f).toLowerCase();
  if (!text) return fallback;
  if (yes.has(text)) return true;
  if (!no.has(text)) r.bad(f, 'must be true or false (是/否)', '须为 true 或 false（是/否）');
  return false;
}

/** A whole number in [min, max]; null when empty (the caller says whether that is allowed). */
function whole<F extends string>(r: Reader<F>, f: F, min: number, max: number, unitEn = '', unitZh = ''): number | null {
  const text = r.v(f).replace(/,/g, '');
  if (!text) return null;
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) {
    r.bad(f, `must be a whole number${unitEn} from ${min} to ${max}`, `须为 ${min} 到 ${max} 之间的整数${unitZh}`);
    return null;
  }
  return n;
}

const fen = <F extends string>(r: Reader<F>, f: F) => whole(r, f, 0, 1_000_000_000, ' of fen (分)', '（单位：分）');

function words<F extends string>(r: Reader<F>, f: F, max: number, required: boolean): string {
  const text = r.v(f);
  if (!text && required) r.bad(f, 'required', '必填');
  else if (text.length > max) r.bad(f, `at most ${max} characters`, `最多 ${max} 个字符`);
  return text;
}

/** What a part row is checked against: the product models by code (its bill of materials). */
export type PartContext = { models: ReadonlyMap<string, { id: string }> };

/** One part row to a part, or its problems. The part number is the row's key (a part is found again by it). */
export function partFromRow(get: (f: PartField) => string | undefined, columnOf: (f: PartField) => string, ctx: PartContext): { key: string; record: ImportedPart } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const r = reader(get, columnOf, problems);
  const number = words(r, 'number', 60, true);
  const nameZh = words(r, 'nameZh', 200, true);
  const nameEn = words(r, 'nameEn', 200, true);
  const listFen = fen(r, 'listFen');
  if (listFen === null && !r.v('listFen')) r.bad('listFen', 'required', '必填');
  // A catalogue with one price: the network is charged the list price.
  const issueFen = fen(r, 'issueFen') ?? listFen;
  const currency = r.v('currency') || 'CNY';
  if (currency !== 'CNY') r.bad('currency', 'must be CNY', '须为 CNY');
  const returnable = flag(r, 'returnable', false);
  const returnDays = whole(r, 'returnDays', 1, 365, '', '');
  if (returnable && returnDays === null && !r.v('returnDays')) r.bad('returnDays', 'required when the old part must come back', '旧件须返厂时必填');
  const warrantyMonths = whole(r, 'warrantyMonths', 0, 240, '', '') ?? 0;
  const modelIds: string[] = [];
  for (const code of r.v('modelCodes').split(/[\s;,，；]+/).filter(Boolean)) {
    const model = ctx.models.get(code);
    if (!model) r.bad('modelCodes', `no such product model ${code.slice(0, 40)}`, `不存在产品型号 ${code.slice(0, 40)}`);
    else if (!modelIds.includes(model.id)) modelIds.push(model.id);
  }
  const isMain = flag(r, 'isMain', false);
  const serialised = flag(r, 'serialised', false);
  const active = flag(r, 'active', true);
  if (problems.length > 0) return { problems };
  return { key: number, record: { number, nameZh, nameEn, listFen: listFen!, issueFen: issueFen!, currency: 'CNY', isMain, serialised, returnable, returnDays, warrantyMonths, active, modelIds: modelIds.sort() } };
}

export const priceSections = ['labour', 'extra', 'distance', 'area'] as const;
const sectionNames: Record<string, (typeof priceSections)[number]> = { labour: 'labour', labor: 'labour', 工时: 'labour', extra: 'extra', 附加: 'extra', 辅材: 'extra', distance: 'distance', 远程: 'distance', area: 'area', 区域: 'area' };

/** What a price row is checked against: the lists' names (order kinds, job modes, area types), categories and providers by code. */
export type PriceContext = {
  kinds: readonly string[];
  modes: readonly string[];
  areaTypes: readonly string[];
  categories: ReadonlyMap<string, string>;
  providers: ReadonlyMap<string, string>;
  /** Whether the list (a provider's, or null: the national) has a version published from that day: its prices never change. */
  isPublished: (providerId: string | null, day: string) => boolean;
};

const extraCode = /^[a-z][a-z0-9_]{0,39}$/;
const isDay = (s: string) => /^\d{4}-\d\d-\d\d$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * One price row to an item of a list's version, or its problems. The list is the provider's
 * contract list (its code) or, with no provider, the national list; the version the one in force
 * from `effectiveFrom`. `section` says which part of the list the row fills and so which columns it needs.
 */
export function priceItemFromRow(get: (f: PriceField) => string | undefined, columnOf: (f: PriceField) => string, ctx: PriceContext): { key: string; record: ImportedPriceItem } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const r = reader(get, columnOf, problems);
  const key = r.v('externalKey');
  if (!key) r.bad('externalKey', 'required: the key that finds this price again on a re-run', '必填：用于再次导入时识别该价格的编号');
  else if (key.length > 100) r.bad('externalKey', 'at most 100 characters', '最多 100 个字符');
  const providerCode = r.v('providerCode');
  const providerId = providerCode ? ctx.providers.get(providerCode) ?? null : null;
  if (providerCode && !providerId) r.bad('providerCode', `no such provider ${providerCode.slice(0, 40)}`, `不存在服务商 ${providerCode.slice(0, 40)}`);
  const effectiveFrom = r.v('effectiveFrom');
  if (!effectiveFrom) r.bad('effectiveFrom', 'required', '必填');
  else if (!isDay(effectiveFrom)) r.bad('effectiveFrom', 'must be a date YYYY-MM-DD', '须为 YYYY-MM-DD 格式的日期');
  else if ((providerId || !providerCode) && ctx.isPublished(providerId, effectiveFrom)) r.bad('effectiveFrom', `this list's version from ${effectiveFrom} is published, and published prices never change: use another day`, `该价目表 ${effectiveFrom} 起的版本已发布，已发布的价格不能修改：请换一个生效日期`);
  const sectionText = r.v('section').toLowerCase();
  const section = sectionNames[sectionText];
  if (!section) r.bad('section', 'must be labour, extra, distance or area (工时/附加/远程/区域)', '须为 labour、extra、distance 或 area（工时/附加/远程/区域）');
  const oneOf = (f: PriceField, allowed: readonly string[]) => {
    const text = r.v(f);
    if (!text) r.bad(f, `required for ${section}`, `${section} 行必填`);
    else if (!allowed.includes(text)) r.bad(f, `must be one of ${allowed.join(', ')}`, `须为以下之一：${allowed.join('、')}`);
    return text;
  };
  const needFen = (f: PriceField) => {
    const n = fen(r, f);
    if (n === null && !r.v(f)) r.bad(f, `required for ${section}`, `${section} 行必填`);
    return n ?? 0;
  };
  const km = (f: PriceField) => {
    const text = r.v(f);
    if (!text) return null;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0 || n > 2000) {
      r.bad(f, 'must be a number of km from 0 to 2000', '须为 0 到 2000 之间的公里数');
      return null;
    }
    return n;
  };
  const scope = { providerId, effectiveFrom };
  let record: ImportedPriceItem | null = null;
  if (section === 'labour') {
    const categoryCode = r.v('categoryCode');
    const categoryId = categoryCode ? ctx.categories.get(categoryCode) ?? null : null;
    if (categoryCode && !categoryId) r.bad('categoryCode', `no such product category ${categoryCode.slice(0, 40)}`, `不存在产品品类 ${categoryCode.slice(0, 40)}`);
    const kind = oneOf('kind', ctx.kinds);
    const mode = oneOf('mode', ctx.modes);
    record = { ...scope, section, item: { categoryId, kind, mode: mode as JobMode, callOutFen: needFen('callOutFen'), labourFen: needFen('labourFen') } };
  } else if (section === 'extra') {
    const code = r.v('code');
    if (!code) r.bad('code', 'required for extra', 'extra 行必填');
    else if (!extraCode.test(code)) r.bad('code', 'lower-case letters, digits and _, starting with a letter (at most 40)', '须为小写字母、数字和 _，以字母开头（最多 40 位）');
    const nameZh = words(r, 'nameZh', 80, true);
    const nameEn = words(r, 'nameEn', 80, true);
    const unit = r.v('unit') || 'each';
    if (unit !== 'each' && unit !== 'metre') r.bad('unit', 'must be each or metre', '须为 each 或 metre');
    record = { ...scope, section, item: { code, nameZh, nameEn, unit: unit as 'each' | 'metre', priceFen: needFen('priceFen'), customerPays: flag(r, 'customerPays', false) } };
  } else if (section === 'distance') {
    const areaType = oneOf('areaType', ctx.areaTypes);
    const freeKm = km('freeKm');
    if (freeKm === null && !r.v('freeKm')) r.bad('freeKm', 'required for distance', 'distance 行必填');
    const maxKm = km('maxKm');
    if (maxKm !== null && freeKm !== null && maxKm < freeKm) r.bad('maxKm', 'must not be below freeKm', '不能小于免费公里');
    record = { ...scope, section, item: { areaType: areaType as AreaType, freeKm: freeKm ?? 0, ratePerKmFen: needFen('ratePerKmFen'), maxKm } };
  } else if (section === 'area') {
    const province = words(r, 'province', 80, true);
    const city = words(r, 'city', 80, false) || null;
    const district = words(r, 'district', 80, false) || null;
    if (district && !city) r.bad('city', 'required with a district', '填写区县时必填');
    record = { ...scope, section, item: { province, city, district, areaType: oneOf('areaType', ctx.areaTypes) as AreaType } };
  }
  if (problems.length > 0 || !record) return { problems };
  return { key, record };
}
