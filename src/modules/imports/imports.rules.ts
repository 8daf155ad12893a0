// Pure rules of imports: the fields of each kind of record, the default mapping, and a row's
// validation (each problem with its column and reason in English and Chinese).
import { createHash } from 'node:crypto';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';

import { customerFields, type CustomerField } from './imports.fields.js';

export { customerFields, requiredFields, type CustomerField } from './imports.fields.js';

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

export function suggestMapping(columns: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of customerFields) {
    const found = columns.find((c) => aliases[field].includes(c.trim().toLowerCase()));
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

const yes = new Set(['true', '1', 'yes', 'y', '是', '同意']);
const no = new Set(['false', '0', 'no', 'n', '否', '不同意', '']);

/** A cell as the export wrote it: a leading ' guards a formula-like text in spreadsheets, and is dropped. */
const cell = (v: string | undefined) => {
  const s = (v ?? '').trim();
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
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
  if (!['phone', 'sms', 'wechat', 'email'].includes(channel)) bad('preferredChannel', 'must be phone, sms, wechat or email', '须为 phone、sms、wechat 或 email');
  const consentText = v('consentToContact').toLowerCase();
  if (!yes.has(consentText) && !no.has(consentText)) bad('consentToContact', 'must be true or false (是/否)', '须为 true 或 false（是/否）');
  const email = v('email');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) bad('email', 'not an email address', '不是有效的电子邮件地址');
  const birthday = v('birthday');
  if (birthday && !/^(19|20)\d\d-\d\d-\d\d$/.test(birthday)) bad('birthday', 'must be a date YYYY-MM-DD', '须为 YYYY-MM-DD 格式的日期');
  const notes = v('notes');
  if (notes.length > 2000) bad('notes', 'at most 2000 characters', '最多 2000 个字符');
  const phones: CustomerRecord['phones'] = [];
  for (const f of ['phone1', 'phone2', 'phone3'] as const) {
    const raw = v(f);
    if (!raw) {
      if (f === 'phone1') bad(f, 'required: at least one phone', '必填：至少一个电话');
      continue;
    }
    const phone = normalizePhone(raw);
    if (!isPlausiblePhone(phone)) bad(f, `not a phone number: ${raw.slice(0, 40)}`, `不是有效的电话号码：${raw.slice(0, 40)}`);
    else if (!phones.some((p) => p.phone === phone)) phones.push({ phone, label: 'mobile', isPrimary: phones.length === 0 });
  }
  const place = { province: v('province'), city: v('city'), district: v('district'), street: v('street') };
  const anyPlace = Object.values(place).some(Boolean);
  if (anyPlace) for (const [f, text] of Object.entries(place)) if (!text) bad(f as CustomerField, 'required with an address', '填写地址时必填');
  for (const [f, text] of Object.entries(place)) if (text.length > (f === 'street' ? 200 : 40)) bad(f as CustomerField, 'too long', '过长');
  const postalCode = v('postalCode');
  if (postalCode && !/^[0-9A-Za-z -]{3,10}$/.test(postalCode)) bad('postalCode', 'not a postal code', '不是有效的邮编');
  const coordinate = (f: 'lat' | 'lng', limit: number) => {
    const text = v(f);
    if (!text) return null;
    const n = Number(text);
    if (!Number.isFinite(n) || Math.abs(n) > limit) {
      bad(f, `must be a number between -${limit} and ${limit}`, `须为 -${limit} 到 ${limit} 之间的数`);
      return null;
    }
    return n;
  };
  const lat = coordinate('lat', 90);
  const lng = coordinate('lng', 180);
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
      addresses: anyPlace ? [{ label: 'home', ...place, postalCode: postalCode || null, lat, lng, isDefault: true }] : [],
    },
  };
}

/** Same fingerprint: the row would write what is already there. */
export function fingerprint(record: CustomerRecord): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('base64url');
}
