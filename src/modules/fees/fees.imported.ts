// Price items brought by an import (src/modules/imports): each lands in a draft version of its list
// (the national list, or a provider's contract list) in force from its day. The import never
// publishes: an administrator previews the draft and publishes it, as with a draft made by hand.
import type { Queryable } from '../../db/database.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import * as repo from './fees.repo.js';
import { priceListContent } from './fees.contract.js';
import type { AreaRule, DistanceBand, ExtraItem, LabourItem, PriceListContent } from './fees.rules.js';

/** One item of a list's version: the list by its provider (null: the national list), the version by the day it is in force from. */
export type ImportedPriceItem = { providerId: string | null; effectiveFrom: string } & (
  | { section: 'labour'; item: LabourItem }
  | { section: 'extra'; item: ExtraItem }
  | { section: 'distance'; item: DistanceBand }
  | { section: 'area'; item: AreaRule }
);

const emptyContent = (): PriceListContent => ({ currency: 'CNY', labour: [], extras: [], distance: [], areas: [], defaultAreaType: 'city' });

/** The content with the item in, replacing the item of the same identity (labour: category, kind and mode; extra: code; distance: area type; area: the place). */
export function withItem(content: PriceListContent, row: ImportedPriceItem): PriceListContent {
  const swap = <T>(items: T[], item: T, same: (a: T) => boolean) => [...items.filter((x) => !same(x)), item];
  switch (row.section) {
    case 'labour': {
      const i = row.item;
      return { ...content, labour: swap(content.labour, i, (x) => x.categoryId === i.categoryId && x.kind === i.kind && x.mode === i.mode) };
    }
    case 'extra':
      return { ...content, extras: swap(content.extras, row.item, (x) => x.code === row.item.code) };
    case 'distance':
      return { ...content, distance: swap(content.distance, row.item, (x) => x.areaType === row.item.areaType) };
    case 'area': {
      const i = row.item;
      return { ...content, areas: swap(content.areas, i, (x) => x.province === i.province && (x.city ?? null) === (i.city ?? null) && (x.district ?? null) === (i.district ?? null)) };
    }
  }
}

/** The lists and days that have a published version: an import's price for one of them is refused (published prices never change). */
export async function publishedPriceDays(q: Queryable): Promise<Set<string>> {
  return new Set((await repo.publishedDays(q)).map((r) => priceDayKey(r.providerId, r.day)));
}
export const priceDayKey = (providerId: string | null, day: string) => `${providerId ?? 'national'}|${day}`;

/**
 * Writes a batch's items, inside the import's transaction: per list and day, the latest draft in
 * force from that day (else a new draft, a copy of the list's latest version, else empty; the list
 * itself made when missing) takes the items. Answers the version each row went to.
 */
export async function writeImportedPrices(q: Queryable, rows: ImportedPriceItem[], c: { actor: string; at: Date; providerName: (id: string) => Promise<string | undefined> }): Promise<string[]> {
  const groups = new Map<string, ImportedPriceItem[]>();
  for (const r of rows) groups.set(priceDayKey(r.providerId, r.effectiveFrom), [...(groups.get(priceDayKey(r.providerId, r.effectiveFrom)) ?? []), r]);
  const versionOf = new Map<string, string>();
  for (const [key, items] of groups) {
    const { providerId, effectiveFrom } = items[0];
    let list = providerId ? await repo.listOfProvider(q, providerId) : (await repo.allLists(q)).find((l) => l.scope === 'national');
    if (!list) {
      const name = providerId ? ((await c.providerName(providerId)) ?? providerId) : null;
      await repo.insertList(q, { id: newId(), scope: providerId ? 'provider' : 'national', providerId, nameZh: name ? `${name} 合同价目表` : '全国价目表', nameEn: name ? `${name} contract prices` : 'National price list', baseLat: null, baseLng: null, createdAt: c.at, createdBy: c.actor });
      list = providerId ? await repo.listOfProvider(q, providerId) : (await repo.allLists(q)).find((l) => l.scope === 'national');
      await repo.insertListHistory(q, { listId: list!.id, at: c.at, actor: c.actor, action: 'list_created', changes: { scope: list!.scope, providerId, imported: true } });
    }
    const listId = list!.id;
    await repo.lockList(q, listId);
    if (await repo.publishedOn(q, listId, effectiveFrom)) throw new AppError('validation_failed', 409, `effectiveFrom: the ${providerId ? "provider's" : 'national'} list has a version published from ${effectiveFrom}; published prices never change / 该价目表 ${effectiveFrom} 起的版本已发布，已发布的价格不能修改`, [{ path: 'effectiveFrom', message: 'published', zh: '已发布' }]);
    const draft = await repo.latestDraftOn(q, listId, effectiveFrom);
    const base = draft?.content ?? (await repo.versionsOf(q, [listId]))[0]?.content ?? emptyContent();
    const checked = priceListContent.safeParse(items.reduce(withItem, base));
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new AppError('validation_failed', 422, `the ${providerId ? "provider's" : 'national'} list from ${effectiveFrom} would not be a valid price list: ${issue.path.join('.')}: ${issue.message} / 导入后价目表无效：${issue.path.join('.')}：${issue.message}`, [{ path: issue.path.join('.'), message: issue.message }]);
    }
    const content = checked.data as PriceListContent;
    if (draft) {
      await repo.updateDraft(q, draft.id, draft.version, { content });
      await repo.insertListHistory(q, { listId, versionId: draft.id, at: c.at, actor: c.actor, action: 'draft_changed', changes: { imported: items.length } });
      versionOf.set(key, draft.id);
    } else {
      const number = await repo.nextVersionNumber(q, listId);
      const made = await repo.insertVersion(q, { id: newId(), listId, number, status: 'draft', effectiveFrom, content, note: '导入 / imported', createdAt: c.at, createdBy: c.actor });
      await repo.insertListHistory(q, { listId, versionId: made.id, at: c.at, actor: c.actor, action: 'draft_created', changes: { number, effectiveFrom, imported: items.length } });
      versionOf.set(key, made.id);
    }
  }
  return rows.map((r) => versionOf.get(priceDayKey(r.providerId, r.effectiveFrom))!);
}

/** The columns of a price list's export: the import's own fields, so an exported version imports back as the same items. */
export const priceExportColumns = ['key', 'providerCode', 'effectiveFrom', 'section', 'categoryCode', 'kind', 'mode', 'callOutFen', 'labourFen', 'code', 'nameZh', 'nameEn', 'unit', 'priceFen', 'customerPays', 'areaType', 'freeKm', 'ratePerKmFen', 'maxKm', 'province', 'city', 'district'] as const;
export type PriceExportRow = Partial<Record<(typeof priceExportColumns)[number], string | number | boolean | null>>;

/** A version's items as rows of the import's format, each with a key made from its identity (stable across exports). */
export function priceRows(content: PriceListContent, at: { providerCode: string | null; effectiveFrom: string; categoryCode: (id: string) => string }): PriceExportRow[] {
  const base = { providerCode: at.providerCode, effectiveFrom: at.effectiveFrom };
  return [
    ...content.labour.map((l) => {
      const categoryCode = l.categoryId ? at.categoryCode(l.categoryId) : null;
      return { ...base, key: `labour:${categoryCode ?? '*'}:${l.kind}:${l.mode}`, section: 'labour', categoryCode, kind: l.kind, mode: l.mode, callOutFen: l.callOutFen, labourFen: l.labourFen };
    }),
    ...content.extras.map((x) => ({ ...base, key: `extra:${x.code}`, section: 'extra', code: x.code, nameZh: x.nameZh, nameEn: x.nameEn, unit: x.unit, priceFen: x.priceFen, customerPays: x.customerPays })),
    ...content.distance.map((d) => ({ ...base, key: `distance:${d.areaType}`, section: 'distance', areaType: d.areaType, freeKm: d.freeKm, ratePerKmFen: d.ratePerKmFen, maxKm: d.maxKm })),
    ...content.areas.map((a) => ({ ...base, key: `area:${a.province}/${a.city ?? ''}/${a.district ?? ''}`, section: 'area', areaType: a.areaType, province: a.province, city: a.city ?? null, district: a.district ?? null })),
  ];
}
