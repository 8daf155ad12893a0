// Pure rules of imports: the fields of each kind of record, the default mapping, and a row's
// validation (each problem with its column and reason in English and Chinese).
import { hash } from 'node:crypto';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';

import { fieldsOf, type CustomerField, type ImportEntity, type OrderField, type UnitField } from './imports.fields.js';
import { partAliases, priceAliases } from './imports.catalogue.rules.js';
import type { ImportedOrder } from '../work-orders/index.js';
import type { ImportedCustomerRow } from '../customers/index.js';

export { customerFields, requiredFields, unitFields, type CustomerField, type UnitField } from './imports.fields.js';

/** Headers each field is found under by default: its own name, Aftercare's export (number is the key), and common Chinese headers. */
const aliases: Record<CustomerField, string[]> = {
  externalKey: ['externalkey', 'number', 'key', '编号', '客户编号', '外部编号'],
  name: ['name', '姓名', '客户名称', '名称'],
  kind: ['kind', '类型'],
  tier: ['tier', '等级', '客户等级'],
  preferredLanguage: ['preferredlanguage', '语言'],
  preferredChannel: ['preferredchannel', '联系方式偏好'],
  consentToContact: ['consenttocontact', 'consent', '同意联系'],
  email: ['email', '邮箱', '电子邮件'],
  birthday: ['birthday', '生日'],
  notes: ['notes', '备注'],
  phone1: ['phone1', 'phone', 'mobile', '电话', '手机', '电话1', '手机号'],
  phone2: ['phone2', '电话2'],
  phone3: ['phone3', '电话3'],
  province: ['province', '省', '省份'],
  city: ['city', '市', '城市'],
  district: ['district', '区', '区县'],
  street: ['street', '街道', '详细地址', '地址'],
  postalCode: ['postalcode', '邮编'],
  lat: ['lat', '纬度'],
  lng: ['lng', '经度'],
};

/** Units: Aftercare's units export names the unit by id and its owner by number (ownerNumber); ownerId is the other system's and is not offered. */
const unitAliases: Record<UnitField, string[]> = {
  externalKey: ['externalkey', 'id', 'key', 'unitkey', '设备编号', '外部编号'],
  modelCode: ['modelcode', 'model', '型号', '产品型号'],
  ownerKey: ['ownerkey', 'ownernumber', 'owner', 'customernumber', '客户编号', '机主', '用户编号'],
  mainSerial: ['mainserial', 'serial', '序列号', '机身码', '条码'],
  mainSerialRole: ['mainserialrole', '序列号位置'],
  otherSerials: ['otherserials', '其他序列号'],
  purchaseDate: ['purchasedate', '购买日期'],
  receivedDate: ['receiveddate', '签收日期', '收货日期'],
  channel: ['channel', '渠道', '购买渠道'],
  invoiceNumber: ['invoicenumber', 'invoice', '发票号', '发票号码'],
  priceFen: ['pricefen', '价格（分）', '价格(分)'],
  installedOn: ['installedon', '安装日期'],
};

/** Orders: Aftercare's work-orders export writes both languages in each header ("State 状态"). */
const orderAliases: Record<OrderField, string[]> = {
  externalKey: ['externalkey', 'key', 'number', 'number 工单号', '工单号', '外部编号'],
  kind: ['kind', 'kind 类型', '类型', '工单类型'],
  status: ['status', 'state', 'state 状态', '状态'],
  priority: ['priority', 'priority 优先级', '优先级'],
  channel: ['channel', '渠道', '来源'],
  customerKey: ['customerkey', 'customernumber', 'customer', '客户编号', '客户'],
  unitKey: ['unitkey', 'unit', 'unitid', '设备编号'],
  symptom: ['symptom', 'symptom 故障描述', '故障描述'],
  providerCode: ['providercode', '服务商编码'],
  technicianPhone: ['technicianphone', '师傅电话'],
  createdAt: ['createdat', 'opened 创建时间', '创建时间'],
  appointmentFrom: ['appointmentfrom', 'booked visit 预约上门', '预约上门'],
  appointmentTo: ['appointmentto', '预约结束'],
  checkedInAt: ['checkedinat', '签到时间', '上门时间'],
  doneAt: ['doneat', '完工时间'],
  confirmedAt: ['confirmedat', '确认时间'],
  closedAt: ['closedat', '关闭时间'],
};

export function suggestMapping(columns: string[], entity: ImportEntity = 'customers'): Record<string, string> {
  const out: Record<string, string> = {};
  const table: Record<string, string[]> = { customers: aliases, units: unitAliases, orders: orderAliases, parts: partAliases, prices: priceAliases }[entity];
  for (const field of fieldsOf[entity]) {
    const found = columns.find((c) => table[field].includes(c.trim().toLowerCase()));
    if (found) out[field] = found;
  }
  return out;
}

export type Problem = { column: string; en: string; zh: string };

/** What an import writes for one customer row (the customers module's create shape, less its switches). */
export type CustomerRecord = {
  name: string;
  kind: 'person' | 'company';
  tier: string;
  birthday: string | null;
  preferredLanguage: 'zh' | 'en';
  preferredChannel: 'phone' | 'sms' | 'wechat' | 'email';
  consentToContact: boolean;
  email: string | null;
  notes: string | null;
  phones: { phone: string; label: 'mobile'; isPrimary: boolean }[];
  addresses: { label: string; province: string; city: string; district: string; street: string; postalCode: string | null; lat: number | null; lng: number | null; isDefault: boolean }[];
};

/** A checked customer as the customers' writer takes it (its columns; the first phone the primary). */
export function customerColumns(c: CustomerRecord): Omit<ImportedCustomerRow, 'n' | 'id' | 'known'> {
  const a = c.addresses[0];
  return {
    name: c.name,
    kind: c.kind,
    tier: c.tier,
    birthday: c.birthday,
    preferred_language: c.preferredLanguage,
    preferred_channel: c.preferredChannel,
    consent_to_contact: c.consentToContact,
    email: c.email,
    notes: c.notes,
    phones: c.phones.map((p) => p.phone),
    address_label: a?.label ?? null,
    province: a?.province ?? null,
    city: a?.city ?? null,
    district: a?.district ?? null,
    street: a?.street ?? null,
    postal_code: a?.postalCode ?? null,
    lat: a?.lat ?? null,
    lng: a?.lng ?? null,
  };
}

const yes = new Set(['true', '1', 'yes', 'y', '是', '同意']);
const no = new Set(['false', '0', 'no', 'n', '否', '不同意', '']);

/** A cell as the export wrote it: a leading ' guards a formula-like text in spreadsheets, and is dropped. */
const cell = (v: string | undefined) => {
  const s = (v ?? '').trim();
  return s.charCodeAt(0) === 39 && /^'[=+\-@]/.test(s) ? s.slice(1) : s;
};

/**
 * One row (field → text, after the mapping) to a customer record, or its problems. `tiers`: the
 * tier codes that exist.
 */
export function customerFromRow(get: (field: CustomerField) => string | undefined, columnOf: (field: CustomerField) => string, tiers: ReadonlySet<string>): { key: string; record: CustomerRecord } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (field: CustomerField, en: string, zh: string) => problems.push({ column: columnOf(field), en, zh });
  const v = (f: CustomerField) => cell(get(f));
  const key = v('externalKey');
  if (!key) bad('externalKey', 'required: the key that finds this customer again on a re-run', '必填：用于再次导入时识别该客户的编号');
  else if (key.length > 100) bad('externalKey', 'at most 100 characters', '最多 100 个字符');
  const name = v('name');
  if (!name) bad('name', 'required', '必填');
  else if (name.length > 100) bad('name', 'at most 100 characters', '最多 100 个字符');
  const kind = v('kind') || 'person';
  if (kind !== 'person' && kind !== 'company') bad('kind', 'must be person or company', '须为 person 或 company');
  const tier = v('tier') || 'ordinary';
  if (!tiers.has(tier)) bad('tier', `no such tier ${tier}`, `不存在客户等级 ${tier}`);
  const language = v('preferredLanguage') || 'zh';
  if (language !== 'zh' && language !== 'en') bad('preferredLanguage', 'must be zh or en', '须为 zh 或 en');
  const channel = v('preferredChannel') || 'sms';
  if (!preferredChannels.has(channel)) bad('preferredChannel', 'must be phone, sms, wechat or email', '须为 phone、sms、wechat 或 email');
  const consentText = v('consentToContact').toLowerCase();
  if (!yes.has(consentText) && !no.has(consentText)) bad('consentToContact', 'must be true or false (是/否)', '须为 true 或 false（是/否）');
  const email = v('email');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) bad('email', 'not an email address', '不是有效的电子邮件地址');
  const birthday = v('birthday');
  if (birthday && !/^(19|20)\d\d-\d\d-\d\d$/.test(birthday)) bad('birthday', 'must be a date YYYY-MM-DD', '须为 YYYY-MM-DD 格式的日期');
  const notes = v('notes');
  if (notes.length > 2000) bad('notes', 'at most 2000 characters', '最多 2000 个字符');
  const phones: CustomerRecord['phones'] = [];
  for (const f of phoneFields) {
    const raw = v(f);
    if (!raw) {
      if (f === 'phone1') bad(f, 'required: at least one phone', '必填：至少一个电话');
      continue;
    }
    const phone = normalizePhone(raw);
    if (!isPlausiblePhone(phone)) bad(f, `not a phone number: ${raw.slice(0, 40)}`, `不是有效的电话号码：${raw.slice(0, 40)}`);
    else if (!phones.some((p) => p.phone === phone)) phones.push({ phone, label: 'mobile', isPrimary: phones.length === 0 });
  }
  const province = v('province');
  const city = v('city');
  const district = v('district');
  const street = v('street');
  const anyPlace = !!(province || city || district || street);
  if (anyPlace) {
    if (!province) bad('province', 'required with an address', '填写地址时必填');
    if (!city) bad('city', 'required with an address', '填写地址时必填');
    if (!district) bad('district', 'required with an address', '填写地址时必填');
    if (!street) bad('street', 'required with an address', '填写地址时必填');
  }
  if (province.length > 40) bad('province', 'too long', '过长');
  if (city.length > 40) bad('city', 'too long', '过长');
  if (district.length > 40) bad('district', 'too long', '过长');
  if (street.length > 200) bad('street', 'too long', '过长');
  const postalCode = v('postalCode');
  if (postalCode && !/^[0-9A-Za-z -]{3,10}$/.test(postalCode)) bad('postalCode', 'not a postal code', '不是有效的邮编');
  const lat = coordinate(v('lat'), 90, 'lat', bad);
  const lng = coordinate(v('lng'), 180, 'lng', bad);
  if (problems.length > 0) return { problems };
  return {
    key,
    record: {
      name,
      kind: kind as CustomerRecord['kind'],
      tier,
      birthday: birthday || null,
      preferredLanguage: language as CustomerRecord['preferredLanguage'],
      preferredChannel: channel as CustomerRecord['preferredChannel'],
      consentToContact: yes.has(consentText),
      email: email || null,
      notes: notes || null,
      phones,
      // The keys in this order: the record's JSON is its fingerprint, which earlier imports stored.
      addresses: anyPlace ? [{ label: 'home', province, city, district, street, postalCode: postalCode || null, lat, lng, isDefault: true }] : [],
    },
  };
}

const preferredChannels = new Set(['phone', 'sms', 'wechat', 'email']);
const phoneFields = ['phone1', 'phone2', 'phone3'] as const;

/** A coordinate's text to a number within ±`limit`, null when empty; a problem when it is not one. */
function coordinate(text: string, limit: number, f: 'lat' | 'lng', bad: (field: CustomerField, en: string, zh: string) => void): number | null {
  if (!text) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    bad(f, `must be a number between -${limit} and ${limit}`, `须为 -${limit} 到 ${limit} 之间的数`);
    return null;
  }
  return n;
}

/** What an import writes for one unit row (the units module's register shape, the model and owner found). */
export type UnitRecord = {
  modelId: string;
  ownerId: string;
  serials: { role: 'main' | 'indoor' | 'outdoor'; serial: string }[];
  purchaseDate: string;
  receivedDate: string | null;
  channel: 'store' | 'online';
  invoiceNumber: string | null;
  priceFen: number;
  installedOn: string | null;
};

/**
 * What a unit row is checked against, read for its batch: the models by code, the owners by key,
 * the units already carrying its serials, the unit its own key made earlier, and the serials earlier
 * rows of the same file use (a serial on two rows with different keys is refused on the second).
 */
export type UnitContext = {
  today: string;
  models: ReadonlyMap<string, { id: string; serialPattern: string | null }>;
  owners: ReadonlyMap<string, string>;
  holders: ReadonlyMap<string, string>;
  unitOfKey: ReadonlyMap<string, string>;
  seen: Map<string, string>;
};

const serialRe = /^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/;
const isDay = (s: string) => /^\d{4}-\d\d-\d\d$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const channels: Record<string, UnitRecord['channel']> = { store: 'store', online: 'online', 门店: 'store', 线下: 'store', 线上: 'online', 网购: 'online' };

/** One unit row to a unit record, or its problems (each with its column and reason in English and Chinese). */
export function unitFromRow(get: (field: UnitField) => string | undefined, columnOf: (field: UnitField) => string, ctx: UnitContext): { key: string; record: UnitRecord } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (field: UnitField, en: string, zh: string) => problems.push({ column: columnOf(field), en, zh });
  const v = (f: UnitField) => cell(get(f));
  const key = v('externalKey');
  if (!key) bad('externalKey', 'required: the key that finds this unit again on a re-run', '必填：用于再次导入时识别该设备的编号');
  else if (key.length > 100) bad('externalKey', 'at most 100 characters', '最多 100 个字符');
  const code = v('modelCode');
  const model = ctx.models.get(code);
  if (!code) bad('modelCode', 'required', '必填');
  else if (!model) bad('modelCode', `no such product model ${code.slice(0, 40)}`, `不存在产品型号 ${code.slice(0, 40)}`);
  const ownerKey = v('ownerKey');
  const ownerId = ctx.owners.get(ownerKey);
  if (!ownerKey) bad('ownerKey', 'required', '必填');
  else if (!ownerId) bad('ownerKey', `no such customer ${ownerKey.slice(0, 40)} (neither an imported customer's key nor a customer number)`, `找不到客户 ${ownerKey.slice(0, 40)}（既不是已导入客户的编号，也不是客户号）`);
  const serials: UnitRecord['serials'] = [];
  const main = v('mainSerial');
  const mainRole = v('mainSerialRole') || 'main';
  if (mainRole !== 'main' && mainRole !== 'indoor' && mainRole !== 'outdoor') bad('mainSerialRole', 'must be main, indoor or outdoor', '须为 main、indoor 或 outdoor');
  if (!main) bad('mainSerial', 'required', '必填');
  else serials.push({ role: mainRole as UnitRecord['serials'][number]['role'], serial: main });
  for (const part of v('otherSerials').split(/[\s;,]+/).filter(Boolean)) {
    const [role, serial] = part.includes(':') ? part.split(':', 2) : ['main', part];
    if (role !== 'main' && role !== 'indoor' && role !== 'outdoor') bad('otherSerials', `not role:serial (role main, indoor or outdoor): ${part.slice(0, 40)}`, `须为 角色:序列号（角色为 main、indoor 或 outdoor）：${part.slice(0, 40)}`);
    else serials.push({ role, serial });
  }
  if (serials.length > 4) bad('otherSerials', 'at most 4 serials for a unit', '一台设备最多 4 个序列号');
  const mine = ctx.unitOfKey.get(key);
  for (const { serial } of serials) {
    const column: UnitField = serial === main ? 'mainSerial' : 'otherSerials';
    if (!serialRe.test(serial)) bad(column, `not a serial (letters, digits and -, 4 to 64 long): ${serial.slice(0, 40)}`, `不是有效的序列号（字母、数字和 -，4 到 64 位）：${serial.slice(0, 40)}`);
    else if (model?.serialPattern && !new RegExp(`^(?:${model.serialPattern})$`).test(serial)) bad(column, `does not match model ${code}'s serial pattern: ${serial}`, `与型号 ${code} 的序列号规则不符：${serial}`);
    else if (ctx.holders.has(serial) && ctx.holders.get(serial) !== mine) bad(column, `serial ${serial} already belongs to another unit`, `序列号 ${serial} 已属于其他设备`);
    else if (ctx.seen.has(serial) && ctx.seen.get(serial) !== key) bad(column, `serial ${serial} is on an earlier row with another key (${ctx.seen.get(serial)!.slice(0, 40)})`, `序列号 ${serial} 已出现在编号不同的前面一行（${ctx.seen.get(serial)!.slice(0, 40)}）`);
  }
  const day = (f: 'purchaseDate' | 'receivedDate' | 'installedOn', required: boolean) => {
    const text = v(f);
    if (!text) {
      if (required) bad(f, 'required', '必填');
      return null;
    }
    if (!isDay(text)) bad(f, 'must be a date YYYY-MM-DD', '须为 YYYY-MM-DD 格式的日期');
    else if (text > ctx.today) bad(f, 'cannot be in the future', '不能晚于今天');
    else return text;
    return null;
  };
  const purchaseDate = day('purchaseDate', true);
  const receivedDate = day('receivedDate', false);
  const installedOn = day('installedOn', false);
  if (purchaseDate && receivedDate && receivedDate < purchaseDate) bad('receivedDate', 'cannot be before the purchase date', '不能早于购买日期');
  if (purchaseDate && installedOn && installedOn < purchaseDate) bad('installedOn', 'cannot be before the purchase date', '不能早于购买日期');
  const channelText = v('channel').toLowerCase() || 'store';
  const channel = channels[channelText];
  if (!channel) bad('channel', 'must be store or online (门店/线上)', '须为 store 或 online（门店/线上）');
  const invoiceNumber = v('invoiceNumber');
  if (invoiceNumber.length > 64) bad('invoiceNumber', 'at most 64 characters', '最多 64 个字符');
  const priceText = v('priceFen') || '0';
  const priceFen = Number(priceText);
  if (!/^\d+$/.test(priceText) || priceFen > 1_000_000_000) bad('priceFen', 'must be a whole number of fen (分), 0 to 1,000,000,000', '须为整数（单位：分），0 到 1,000,000,000');
  if (problems.length > 0) return { problems };
  for (const { serial } of serials) ctx.seen.set(serial, key);
  return { key, record: { modelId: model!.id, ownerId: ownerId!, serials, purchaseDate: purchaseDate!, receivedDate, channel: channel!, invoiceNumber: invoiceNumber || null, priceFen, installedOn } };
}

/** What an import writes for one historical order, and the history its dates make (each milestone reached, in order). */
export type OrderRecord = Omit<ImportedOrder, 'known'>;

/** What an order row is checked against, read for its batch. */
export type OrderContext = {
  now: string;
  kinds: readonly string[];
  statuses: readonly string[];
  priorities: readonly string[];
  channels: readonly string[];
  customers: ReadonlyMap<string, string>;
  units: ReadonlyMap<string, { id: string; ownerId: string }>;
  providers: ReadonlyMap<string, string>;
  technicians: ReadonlyMap<string, { id: string; providerId: string }[]>;
};

const milestones = [
  ['checkedInAt', 'on_site'],
  ['doneAt', 'work_done'],
  ['confirmedAt', 'confirmed'],
  ['closedAt', 'closed'],
] as const;

/** One order row to an order record, or its problems (each with its column and reason in English and Chinese). */
export function orderFromRow(get: (field: OrderField) => string | undefined, columnOf: (field: OrderField) => string, ctx: OrderContext): { key: string; record: OrderRecord } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (field: OrderField, en: string, zh: string) => problems.push({ column: columnOf(field), en, zh });
  const v = (f: OrderField) => cell(get(f));
  const oneOf = (f: OrderField, allowed: readonly string[], fallback?: string) => {
    const text = v(f) || fallback || '';
    if (!text) bad(f, 'required', '必填');
    else if (!allowed.includes(text)) bad(f, `must be one of ${allowed.join(', ')}`, `须为以下之一：${allowed.join('、')}`);
    return text;
  };
  const key = v('externalKey');
  if (!key) bad('externalKey', 'required: the key that finds this order again on a re-run', '必填：用于再次导入时识别该工单的编号');
  else if (key.length > 100) bad('externalKey', 'at most 100 characters', '最多 100 个字符');
  const kind = oneOf('kind', ctx.kinds);
  const status = oneOf('status', ctx.statuses);
  const priority = oneOf('priority', ctx.priorities, 'normal');
  const channel = oneOf('channel', ctx.channels, 'phone');
  const customerKey = v('customerKey');
  const customerId = ctx.customers.get(customerKey);
  if (!customerKey) bad('customerKey', 'required', '必填');
  else if (!customerId) bad('customerKey', `no such customer ${customerKey.slice(0, 40)} (neither an imported customer's key nor a customer number)`, `找不到客户 ${customerKey.slice(0, 40)}（既不是已导入客户的编号，也不是客户号）`);
  const unitKey = v('unitKey');
  const unit = unitKey ? ctx.units.get(unitKey) : undefined;
  if (unitKey && !unit) bad('unitKey', `no such unit ${unitKey.slice(0, 40)} (neither an imported unit's key nor a unit id)`, `找不到设备 ${unitKey.slice(0, 40)}（既不是已导入设备的编号，也不是设备 ID）`);
  else if (unit && customerId && unit.ownerId !== customerId) bad('unitKey', "the unit is not this customer's", '该设备不属于此客户');
  const symptom = v('symptom');
  if (!symptom) bad('symptom', 'required', '必填');
  else if (symptom.length > 2000) bad('symptom', 'at most 2000 characters', '最多 2000 个字符');
  const providerCode = v('providerCode');
  const providerId = providerCode ? ctx.providers.get(providerCode) : undefined;
  if (providerCode && !providerId) bad('providerCode', `no such provider ${providerCode.slice(0, 40)}`, `不存在服务商 ${providerCode.slice(0, 40)}`);
  const technicianPhone = v('technicianPhone') ? normalizePhone(v('technicianPhone')) : '';
  const technician = technicianPhone ? ctx.technicians.get(technicianPhone)?.find((t) => !providerId || t.providerId === providerId) : undefined;
  if (technicianPhone && !providerCode) bad('technicianPhone', 'needs the provider code too', '须同时填写服务商编码');
  else if (technicianPhone && providerId && !technician) bad('technicianPhone', `no technician of provider ${providerCode} with phone ${technicianPhone}`, `服务商 ${providerCode} 没有电话为 ${technicianPhone} 的师傅`);
  const time = (f: OrderField) => {
    const text = v(f);
    if (!text) return null;
    const at = new Date(/^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : text);
    if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(at.getTime())) bad(f, 'must be a date and time (ISO 8601, e.g. 2025-03-01T09:30:00+08:00)', '须为日期时间（ISO 8601，如 2025-03-01T09:30:00+08:00）');
    else if (at.toISOString() > ctx.now) bad(f, 'cannot be in the future', '不能晚于现在');
    else return at.toISOString();
    return null;
  };
  const createdAt = time('createdAt');
  if (!v('createdAt')) bad('createdAt', 'required', '必填');
  const appointmentFrom = time('appointmentFrom');
  const appointmentTo = time('appointmentTo');
  if (appointmentTo && !appointmentFrom) bad('appointmentFrom', 'required with the end of the booked visit', '填写预约结束时间时必填');
  if (appointmentFrom && appointmentTo && appointmentTo < appointmentFrom) bad('appointmentTo', 'cannot be before the start of the visit', '不能早于预约开始时间');
  const dates: Record<(typeof milestones)[number][0], string | null> = { checkedInAt: time('checkedInAt'), doneAt: time('doneAt'), confirmedAt: time('confirmedAt'), closedAt: time('closedAt') };
  let previous = createdAt;
  for (const [f] of milestones) {
    const at = dates[f];
    if (at && previous && at < previous) bad(f, 'cannot be before the milestone before it (created, checked in, done, confirmed, closed)', '不能早于前一个节点（创建、上门、完工、确认、关闭）');
    if (at) previous = at;
  }
  if (problems.length > 0) return { problems };
  const history: OrderRecord['history'] = [{ at: createdAt!, fromStatus: null, toStatus: 'intake' }];
  for (const [f, to] of milestones) if (dates[f]) history.push({ at: dates[f]!, fromStatus: history[history.length - 1].toStatus, toStatus: to });
  const last = history[history.length - 1];
  if (last.toStatus !== status) history.push({ at: last.at, fromStatus: last.toStatus, toStatus: status });
  return {
    key,
    record: { kind, status, priority, channel, customerId: customerId!, unitId: unit?.id ?? null, symptom, providerId: providerId ?? null, technicianId: technician?.id ?? null, createdAt: createdAt!, appointmentFrom, appointmentTo, ...dates, history },
  };
}

/** Same fingerprint: the row would write what is already there. `json`: the record as JSON text (written as it is, so made once). */
export function fingerprint(json: string): string {
  // The one-shot hash: no Hash object made per row (about half the time of createHash's).
  return hash('sha256', json, 'base64url');
}
