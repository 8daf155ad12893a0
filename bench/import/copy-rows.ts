// The rows a customers import writes, made from the benchmark's CSV ahead of time as PostgreSQL COPY
// text files, one per table the import writes (customers, customer_phones, customer_addresses,
// import_keys): COPY's side of "the same rows". Each row is checked and shaped by the import's own
// rules (customerFromRow, the phones normalised, the fingerprint) and gets ids as the import makes
// them (a time-ordered customer id; phones' and addresses' ids starting with their customer's time),
// so both sides write the same rows into the same indexes. Not timed.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { customerFromRow, fingerprint } from '../../src/modules/imports/imports.rules.js';
import type { CustomerField } from '../../src/modules/imports/imports.fields.js';
import { timeOrderedId } from '../../src/shared/ids.js';

export type CopyTable = { table: string; columns: string[]; file: string; rows: number };

/** A value in COPY's text format: \N for null, backslash, tab and line ends escaped. */
function text(v: string | number | boolean | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
const line = (values: (string | number | boolean | null)[]) => `${values.map(text).join('\t')}\n`;

/** An id beside a customer's: its first 48 bits (the customer's milliseconds), the rest random, as the import's writer makes it. */
function idBeside(customerId: string): string {
  const hex = customerId.replace(/-/g, '').slice(0, 12) + randomBytes(10).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Writes the COPY files for `lines` (the CSV's lines, header first; the bench's file has no quoted
 * cells) into `dir`, readable by the database server. `at`: the rows' created/updated time.
 */
export function writeCopyFiles(dir: string, lines: string[], at: Date): CopyTable[] {
  const header = lines[0].split(',');
  const fieldOf: Record<string, CustomerField> = { key: 'externalKey', name: 'name', phone1: 'phone1', phone2: 'phone2', consentToContact: 'consentToContact', province: 'province', city: 'city', district: 'district', street: 'street' };
  const tiers = new Set(['ordinary']);
  const now = at.toISOString();
  const customers: string[] = [];
  const phones: string[] = [];
  const addresses: string[] = [];
  const keys: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    const byField = new Map<CustomerField, string>();
    header.forEach((h, j) => byField.set(fieldOf[h], cells[j]));
    const checked = customerFromRow((f) => byField.get(f), (f) => f, tiers);
    if ('problems' in checked) throw new Error(`row ${i + 1}: ${checked.problems[0].en}`);
    const c = checked.record;
    const id = timeOrderedId();
    customers.push(line([id, `C${String(i).padStart(7, '0')}`, c.kind, c.name, c.tier, c.birthday, c.preferredLanguage, c.preferredChannel, c.consentToContact, c.consentToContact ? now : null, c.email, c.notes, 1, now, now]));
    c.phones.forEach((p, k) => phones.push(line([idBeside(id), id, p.phone, p.label, k === 0])));
    for (const a of c.addresses) addresses.push(line([idBeside(id), id, a.label, a.province, a.city, a.district, a.street, a.postalCode, a.lat, a.lng, false, null, a.isDefault]));
    keys.push(line(['customers', checked.key, id, fingerprint(JSON.stringify(c))]));
  }
  const tables: CopyTable[] = [
    { table: 'customers', columns: ['id', 'number', 'kind', 'name', 'tier', 'birthday', 'preferred_language', 'preferred_channel', 'consent_to_contact', 'consent_changed_at', 'email', 'notes', 'version', 'created_at', 'updated_at'], file: 'customers.copy', rows: customers.length },
    { table: 'customer_phones', columns: ['id', 'customer_id', 'phone', 'label', 'is_primary'], file: 'customer_phones.copy', rows: phones.length },
    { table: 'customer_addresses', columns: ['id', 'customer_id', 'label', 'province', 'city', 'district', 'street', 'postal_code', 'lat', 'lng', 'coordinates_approximate', 'placed_by', 'is_default'], file: 'customer_addresses.copy', rows: addresses.length },
    { table: 'import_keys', columns: ['entity', 'external_key', 'record_id', 'fingerprint'], file: 'import_keys.copy', rows: keys.length },
  ];
  const content = [customers, phones, addresses, keys];
  tables.forEach((t, k) => {
    t.file = join(dir, t.file);
    writeFileSync(t.file, content[k].join(''));
    chmodSync(t.file, 0o644);
  });
  return tables;
}
