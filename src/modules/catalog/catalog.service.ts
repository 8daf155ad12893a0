import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/database.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseSort, type Page } from '../../shared/paging.js';
import { productCategories, productModels, faultCodes } from './catalog.tables.js';
import { buildTree, faultParentProblem } from './catalog.rules.js';
import type { z } from 'zod';
import type { createCategoryRequest, createModelRequest, createFaultCodeRequest, modelListQuery, ModelView, FaultNode } from './catalog.contract.js';

type ModelRow = typeof productModels.$inferSelect;
type CategoryRow = typeof productCategories.$inferSelect;

function modelView(m: ModelRow, c: CategoryRow): ModelView {
  return {
    id: m.id,
    categoryId: m.categoryId,
    categoryCode: c.code,
    code: m.code,
    nameZh: m.nameZh,
    nameEn: m.nameEn,
    wholeUnitMonths: m.wholeUnitMonths,
    mainPartsMonths: m.mainPartsMonths,
    mainParts: m.mainParts,
    dailyDepreciationRate: Number(m.dailyDepreciationRate),
    requiredCertification: m.requiredCertification ?? c.requiredCertification,
    standardMinutes: m.standardMinutes,
    serialPattern: m.serialPattern,
  };
}

const duplicate = (path: string, value: string) => new AppError('duplicate_code', 409, `${path}: "${value}" already exists / 编码已存在`, [{ path, message: 'already exists' }]);

export function createCatalogService({ db, clock }: { db: Db; clock: Clock }) {
  async function category(q: Queryable, id: string) {
    const [row] = await q.select().from(productCategories).where(eq(productCategories.id, id));
    return row;
  }

  return {
    async createCategory(caller: Caller, input: z.infer<typeof createCategoryRequest>) {
      requirePermission(caller.principal, 'catalog.write');
      const [row] = await db
        .insert(productCategories)
        .values({ id: newId(), ...input, requiredCertification: input.requiredCertification ?? null, createdAt: clock.now() })
        .onConflictDoNothing()
        .returning();
      if (!row) throw duplicate('code', input.code);
      return row;
    },
    listCategories(caller: Caller) {
      requirePermission(caller.principal, 'catalog.read');
      return db.select().from(productCategories).orderBy(asc(productCategories.code));
    },

    async createModel(caller: Caller, input: z.infer<typeof createModelRequest>): Promise<ModelView> {
      requirePermission(caller.principal, 'catalog.write');
      const cat = await category(db, input.categoryId);
      if (!cat) throw invalid('categoryId', 'no such category');
      const [row] = await db
        .insert(productModels)
        .values({
          id: newId(),
          ...input,
          dailyDepreciationRate: String(input.dailyDepreciationRate),
          requiredCertification: input.requiredCertification ?? null,
          serialPattern: input.serialPattern ?? null,
          createdAt: clock.now(),
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw duplicate('code', input.code);
      return modelView(row, cat);
    },

    getModel(caller: Caller, id: string): Promise<ModelView> {
      requirePermission(caller.principal, 'catalog.read');
      return modelById(db, id);
    },

    /** For other modules' use cases, which have checked their own permissions. */
    modelById: (q: Queryable, id: string) => modelById(q, id),

    async listModels(caller: Caller, s: z.infer<typeof modelListQuery>): Promise<Page<ModelView>> {
      requirePermission(caller.principal, 'catalog.read');
      return listModels(s);
    },

    async createFaultCode(caller: Caller, input: z.infer<typeof createFaultCodeRequest>) {
      requirePermission(caller.principal, 'catalog.write');
      return createFaultCode(input);
    },

    async faultTree(caller: Caller, categoryId: string): Promise<FaultNode[]> {
      requirePermission(caller.principal, 'catalog.read');
      return faultTree(categoryId);
    },


    /** The fault codes of a category by code, so an order's codes can be checked. */
    async faultCodesByCode(q: Queryable, categoryId: string, codes: string[]) {
      if (codes.length === 0) return [];
      const rows = await q.select().from(faultCodes).where(eq(faultCodes.categoryId, categoryId));
      return rows.filter((r) => codes.includes(r.code));
    },
  };

  async function modelById(q: Queryable, id: string): Promise<ModelView> {
      const [row] = await q.select().from(productModels).innerJoin(productCategories, eq(productCategories.id, productModels.categoryId)).where(eq(productModels.id, id));
      if (!row) throw notFound('model', id);
      return modelView(row.product_models, row.product_categories);
  }

  async function listModels(s: z.infer<typeof modelListQuery>): Promise<Page<ModelView>> {
      const where: SQL[] = [];
      if (s.categoryId) where.push(eq(productModels.categoryId, s.categoryId));
      if (s.q) where.push(or(ilike(productModels.code, `%${s.q}%`), ilike(productModels.nameZh, `%${s.q}%`), ilike(productModels.nameEn, `%${s.q}%`))!);
      const condition = where.length ? and(...where) : undefined;
      const { field, desc: isDesc } = parseSort(s.sort);
      const column = { code: productModels.code, nameZh: productModels.nameZh, nameEn: productModels.nameEn }[field as 'code'];
      const rows = await db
        .select()
        .from(productModels)
        .innerJoin(productCategories, eq(productCategories.id, productModels.categoryId))
        .where(condition)
        .orderBy(isDesc ? desc(column) : asc(column))
        .limit(s.limit)
        .offset(s.offset);
      const [{ total }] = await db.select({ total: count() }).from(productModels).where(condition);
      return { items: rows.map((r) => modelView(r.product_models, r.product_categories)), total, limit: s.limit, offset: s.offset };
  }

  async function createFaultCode(input: z.infer<typeof createFaultCodeRequest>) {
      if (!(await category(db, input.categoryId))) throw invalid('categoryId', 'no such category');
      const [parent] = input.parentId ? await db.select().from(faultCodes).where(eq(faultCodes.id, input.parentId)) : [];
      if (input.parentId && !parent) throw invalid('parentId', 'no such fault code');
      const problem = faultParentProblem(input.level, parent, input.categoryId);
      if (problem) throw invalid('parentId', problem);
      const [row] = await db
        .insert(faultCodes)
        .values({ id: newId(), ...input, parentId: input.parentId ?? null })
        .onConflictDoNothing()
        .returning();
      if (!row) throw duplicate('code', input.code);
      return row;
  }

  async function faultTree(categoryId: string): Promise<FaultNode[]> {
      if (!(await category(db, categoryId))) throw notFound('category', categoryId);
      const rows = await db
        .select({ id: faultCodes.id, parentId: faultCodes.parentId, level: faultCodes.level, code: faultCodes.code, nameZh: faultCodes.nameZh, nameEn: faultCodes.nameEn })
        .from(faultCodes)
        .where(eq(faultCodes.categoryId, categoryId))
        .orderBy(asc(faultCodes.code));
      const strip = (n: { parentId: string | null; children: unknown[] } & Omit<FaultNode, 'children'>): FaultNode => ({
        id: n.id,
        level: n.level,
        code: n.code,
        nameZh: n.nameZh,
        nameEn: n.nameEn,
        children: (n.children as never[]).map(strip),
      });
      return buildTree(rows).map(strip);
  }
}

export type CatalogService = ReturnType<typeof createCatalogService>;
