import { maskPhone } from '../../shared/phone.js';
import { orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { can } from '../../kernel/permissions.js';
import { pages } from '../../http/export.js';
import type { AuditFn } from '../../kernel/audit.js';
import type { Db, Queryable } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { assertNotFuture } from '../../shared/plausible.js';
import { notFound, type ErrorDetail } from '../../shared/errors.js';
import { isPlausiblePhone, normalizePhone } from '../../shared/phone.js';
import type { Page } from '../../shared/paging.js';
import * as repo from './customers.repo.js';
import { customerErrors } from './customers.errors.js';
import type { CustomerView, CustomerSearch, UpdateCustomerInput } from './customers.contract.js';
import type { z } from 'zod';
import type { createCustomerRequest, phoneInput, addressInput, createTierRequest } from './customers.contract.js';

type CreateCustomerInput = z.infer<typeof createCustomerRequest>;
type PhoneInput = z.infer<typeof phoneInput>;
type AddressInput = z.infer<typeof addressInput>;

export type CustomersDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  /** Of these customers, those with an open order assigned to the technician (from work-orders). */
  customersWithOpenOrderOf: (q: Queryable, technicianId: string, customerIds: string[]) => Promise<Set<string>>;
  /** Some addresses of these customers were written without coordinates: have them placed (geocoding, on the job queue; one insert for them all). */
  addressesToPlace?: (tx: Queryable, customerIds: string[]) => Promise<void>;
} & repo.ForeignConditions;

export function createCustomersService({ db, clock, audit, customerVisibleSql, customersWithOpenOrderOf, ownsSerialSql, addressesToPlace }: CustomersDeps) {
  async function view(q: Queryable, caller: Caller, row: repo.CustomerWithContacts): Promise<CustomerView> {
    const [v] = await views(q, caller, [row]);
    return v;
  }

  /**
   * Phones are masked for staff: the full number comes only through revealPhones, which is
   * recorded. A technician sees addresses only while an order of theirs is open.
   */
  async function views(q: Queryable, caller: Caller, rows: repo.CustomerWithContacts[], fullPhones = false): Promise<CustomerView[]> {
    // Rows read with their contacts (a search, a get) need no second statement; a row just written does.
    const read = rows.every((r) => r.contacts)
      ? { phones: rows.flatMap((r) => r.contacts!.phones), addresses: rows.flatMap((r) => r.contacts!.addresses) }
      : await repo.phonesAndAddresses(q, rows.map((r) => r.id));
    const { phones, addresses } = read;
    const scope = orderScope(caller.principal);
    const openFor = scope.kind === 'technician' ? await customersWithOpenOrderOf(q, scope.technicianId, rows.map((r) => r.id)) : undefined;
    const ownRecord = (id: string) => scope.kind === 'customer' && scope.customerId === id;
    const systemCall = caller.principal.kind === 'system';
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      name: r.name,
      tier: r.tier,
      birthday: r.birthday,
      preferredLanguage: r.preferredLanguage,
      preferredChannel: r.preferredChannel,
      consentToContact: r.consentToContact,
      consentChangedAt: r.consentChangedAt?.toISOString() ?? null,
      email: r.email,
      notes: r.notes,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      phones: phones
        .filter((p) => p.customerId === r.id)
        .map(({ id, phone, label, isPrimary }) => ({ id, phone: ownRecord(r.id) || systemCall || fullPhones ? phone : maskPhone(phone), label, isPrimary })),
      addresses:
        openFor && !openFor.has(r.id)
          ? []
          : addresses
              .filter((a) => a.customerId === r.id)
              .map(({ customerId: _c, coordinatesApproximate, placedBy, ...a }) => ({ ...a, approximate: coordinatesApproximate, placedBy: placedBy as 'geocoder' | 'postal_code' | 'district' | null })),
    }));
  }

  /** The phone a search names (its own field, or the free text), normalised, when it can be one. */
  function searchPhone(s: CustomerSearch): string | undefined {
    const raw = s.phone ?? s.q;
    const phone = raw ? normalizePhone(raw) : undefined;
    return phone && /^\+?[0-9]{3,16}$/.test(phone) ? phone : undefined;
  }

  /** The customer row when this caller may see it; 404 otherwise, exactly as if it did not exist. */
  async function visible(q: Queryable, caller: Caller, id: string) {
    const row = await repo.findCustomer(q, id, (customerId) => customerVisibleSql(orderScope(caller.principal), customerId));
    if (!row) throw notFound('customer', id);
    return row;
  }

  function normalizePhones(phones: PhoneInput[]): PhoneInput[] {
    const seen = new Set<string>();
    const out: PhoneInput[] = [];
    phones.forEach((p, i) => {
      const phone = normalizePhone(p.phone);
      if (!isPlausiblePhone(phone)) throw customerErrors.badPhone(`phones.${i}.phone`);
      if (seen.has(phone)) return;
      seen.add(phone);
      out.push({ ...p, phone });
    });
    // Exactly one primary number, so "call the customer" is never ambiguous.
    const primary = out.findIndex((p) => p.isPrimary);
    return out.map((p, i) => ({ ...p, isPrimary: i === (primary === -1 ? 0 : primary) }));
  }

  async function writeContacts(q: Queryable, customerId: string, phones: PhoneInput[] | undefined, addresses: AddressInput[] | undefined) {
    if (phones) {
      await repo.replacePhones(q, customerId, phones.map((p) => ({ id: newId(), ...p })));
    }
    if (addresses) {
      const def = Math.max(0, addresses.findIndex((a) => a.isDefault));
      await repo.replaceAddresses(
        q,
        customerId,
        addresses.map(({ approximate, placedBy, ...a }, i) => {
          const placed = a.lat != null && a.lng != null;
          // Read and sent back unchanged, a placed address keeps saying how it was placed.
          return { id: newId(), ...a, postalCode: a.postalCode ?? null, lat: a.lat ?? null, lng: a.lng ?? null, coordinatesApproximate: placed && approximate === true, placedBy: placed ? (placedBy ?? null) : null, isDefault: i === def };
        }),
      );
      if (addresses.some((a) => a.lat == null || a.lng == null)) await addressesToPlace?.(q, [customerId]);
    }
  }

  async function assertTier(q: Queryable, tier: string | undefined) {
    if (tier !== undefined && !(await repo.tierExists(q, tier))) throw customerErrors.unknownTier(tier);
  }

  async function assertNoDuplicates(q: Queryable, phones: PhoneInput[], exceptCustomerId?: string) {
    const matches = await repo.customersWithPhones(q, phones.map((p) => p.phone), exceptCustomerId);
    if (matches.length === 0) return;
    const details: ErrorDetail[] = matches.map((m) => ({
      path: `phones.${phones.findIndex((p) => p.phone === m.phone)}.phone`,
      message: `already belongs to customer ${m.number} (${m.name})`,
      customerId: m.customerId,
      number: m.number,
    }));
    throw customerErrors.duplicatePhone(details);
  }

  return {
    async create(caller: Caller, input: CreateCustomerInput): Promise<CustomerView> {
      requirePermission(caller.principal, 'customers.write');
      assertNotFuture(clock.now(), 'birthday', input.birthday);
      const phones = normalizePhones(input.phones);
      return db.transaction(async (tx) => {
        await assertTier(tx, input.tier);
        if (!input.allowDuplicatePhone) await assertNoDuplicates(tx, phones);
        const now = clock.now();
        const seq = await repo.nextCustomerSeq(tx);
        const id = newId();
        const row = await repo.insertCustomer(tx, {
          id,
          number: `C${String(seq).padStart(7, '0')}`,
          kind: input.kind,
          name: input.name,
          tier: input.tier,
          birthday: input.birthday ?? null,
          preferredLanguage: input.preferredLanguage,
          preferredChannel: input.preferredChannel,
          consentToContact: input.consentToContact,
          consentChangedAt: input.consentToContact ? now : null,
          email: input.email ?? null,
          notes: input.notes ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await writeContacts(tx, id, phones, input.addresses);
        return view(tx, caller, row);
      });
    },

    async update(caller: Caller, id: string, input: UpdateCustomerInput): Promise<CustomerView> {
      requirePermission(caller.principal, 'customers.write');
      assertNotFuture(clock.now(), 'birthday', input.birthday);
      const phones = input.phones ? normalizePhones(input.phones) : undefined;
      return db.transaction(async (tx) => {
        const current = await visible(tx, caller, id);
        if (current.version !== input.version) throw customerErrors.staleVersion(current.version);
        await assertTier(tx, input.tier);
        if (phones) await assertNoDuplicates(tx, phones, id);
        const { version: _v, phones: _p, addresses, ...fields } = input;
        const now = clock.now();
        const consentChanged = fields.consentToContact !== undefined && fields.consentToContact !== current.consentToContact;
        const row = await repo.updateCustomerAtVersion(tx, id, input.version, { ...fields, ...(consentChanged ? { consentChangedAt: now } : {}), updatedAt: now });
        if (!row) throw customerErrors.staleVersion(current.version + 1);
        await writeContacts(tx, id, phones, addresses);
        return view(tx, caller, row);
      });
    },

    async get(caller: Caller, id: string): Promise<CustomerView> {
      requirePermission(caller.principal, 'customers.read');
      return view(db, caller, await visible(db, caller, id));
    },

    async search(caller: Caller, s: CustomerSearch): Promise<Page<CustomerView>> {
      requirePermission(caller.principal, 'customers.read');
      const usablePhone = searchPhone(s);
      const { rows, total } = await repo.searchCustomers(db, s, usablePhone, (customerId) => customerVisibleSql(orderScope(caller.principal), customerId), ownsSerialSql);
      return { items: await views(db, caller, rows), total, limit: s.limit, offset: s.offset };
    },

    /**
     * The list with its filters, every page, for an export; full phone numbers for a caller allowed
     * them (customers.phone.full), so the file can be imported again. The export is on the audit record.
     */
    async exportList(caller: Caller, s: CustomerSearch): Promise<AsyncIterable<CustomerView>> {
      // Checked before the first byte: a refusal is a 403, not a broken download.
      requirePermission(caller.principal, 'customers.read');
      const full = can(caller.principal, 'customers.phone.full');
      await audit(db, { caller, action: 'customers.export', subjectKind: 'customer', subjectId: null, details: { filters: { ...s, limit: undefined, offset: undefined }, fullPhones: full } });
      const usablePhone = searchPhone(s);
      return pages(async (limit, offset) => views(db, caller, (await repo.searchCustomers(db, { ...s, limit, offset }, usablePhone, (customerId) => customerVisibleSql(orderScope(caller.principal), customerId), ownsSerialSql)).rows, full));
    },

    /**
     * Imported customers, inside the import's transaction: `rows` is a relation of
     * `ImportedCustomerRow`s (an import's staged rows in place, or `importedCustomersFromJson`), each
     * checked by the import (phones normalised, at most one address). A row without a `known`
     * customer makes one with its `id` (its number from the sequence), otherwise the customer is
     * replaced by the row (fields, phones, addresses); one since deleted is made again. The batch's
     * customers with an address to place are one geocoding job. Answers, in the rows' order, each
     * row's customer and whether it was replaced.
     */
    async writeImported(tx: Queryable, rows: Parameters<typeof repo.writeImportedCustomers>[1]): Promise<{ n: number; id: string; replaced: boolean }[]> {
      const written = await repo.writeImportedCustomers(tx, rows, clock.now());
      const toPlace = written.filter((w) => w.toPlace).map((w) => w.id);
      if (toPlace.length) await addressesToPlace?.(tx, toPlace);
      return written.map(({ n, id, replaced }) => ({ n, id, replaced }));
    },

    /** Customers who already have this phone: the agent sees them before creating a new one. */
    async duplicates(caller: Caller, phone: string) {
      requirePermission(caller.principal, 'customers.write');
      const normalized = normalizePhone(phone);
      if (!isPlausiblePhone(normalized)) throw customerErrors.badPhone('phone');
      return (await repo.customersWithPhones(db, [normalized])).map((m) => ({ ...m, phone: maskPhone(m.phone) }));
    },

    /** The full numbers, for a caller who needs them; each reveal is on the audit record. */
    async revealPhones(caller: Caller, id: string) {
      requirePermission(caller.principal, 'customers.phone.full');
      return db.transaction(async (tx) => {
        const row = await visible(tx, caller, id);
        const scope = orderScope(caller.principal);
        if (scope.kind === 'technician' && !(await customersWithOpenOrderOf(tx, scope.technicianId, [row.id])).has(row.id)) throw notFound('customer', id);
        const { phones } = await repo.phonesAndAddresses(tx, [row.id]);
        await audit(tx, { caller, action: 'phone_revealed', subjectKind: 'customer', subjectId: row.id, details: { count: phones.length } });
        return { items: phones.map(({ id: phoneId, phone, label, isPrimary }) => ({ id: phoneId, phone, label, isPrimary })) };
      });
    },

    listTiers: () => repo.listTiers(db),

    async createTier(caller: Caller, input: z.infer<typeof createTierRequest>) {
      requirePermission(caller.principal, 'catalog.write');
      const row = await repo.insertTier(db, input);
      if (!row) throw customerErrors.tierExists(input.code);
      return row;
    },

    /** Used by other modules: the customer's tier, phones and addresses, or undefined. */
    contactCard: (q: Queryable, id: string) => repo.contactCard(q, id),
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
