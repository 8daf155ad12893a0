import type { Db, Queryable } from '../../db/database.js';
import { requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { invalid, notFound } from '../../shared/errors.js';
import type { Page } from '../../shared/paging.js';
import * as repo from './catalog.repo.js';
import { buildTree, faultParentProblem } from './catalog.rules.js';
import { catalogErrors } from './catalog.errors.js';
import type { z } from 'zod';
import type { createCategoryRequest, createModelRequest, createFaultCodeRequest, modelListQuery, ModelView, FaultNode } from './catalog.contract.js';

type ModelRow = repo.ModelRow;
type CategoryRow = repo.CategoryRow;

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

const duplicate = catalogErrors.duplicateCode;

export function createCatalogService({ db, clock }: { db: Db; clock: Clock }) {
  const category = repo.findCategory;

  return {
    async createCategory(caller: Caller, input: z.infer<typeof createCategoryRequest>) {
      requirePermission(caller.principal, 'catalog.write');
      const row = await repo.insertCategory(db, { id: newId(), ...input, requiredCertification: input.requiredCertification ?? null, createdAt: clock.now() });
      if (!row) throw duplicate('code', input.code);
      return row;
    },
    listCategories(caller: Caller) {
      requirePermission(caller.principal, 'catalog.read');
      return repo.listCategories(db);
    },

    async createModel(caller: Caller, input: z.infer<typeof createModelRequest>): Promise<ModelView> {
      requirePermission(caller.principal, 'catalog.write');
      const cat = await category(db, input.categoryId);
      if (!cat) throw invalid('categoryId', 'no such category');
      const row = await repo.insertModel(db, {
        id: newId(),
        ...input,
        dailyDepreciationRate: String(input.dailyDepreciationRate),
        requiredCertification: input.requiredCertification ?? null,
        serialPattern: input.serialPattern ?? null,
        createdAt: clock.now(),
      });
      if (!row) throw duplicate('code', input.code);
      return modelView(row, cat);
    },

    getModel(caller: Caller, id: string): Promise<ModelView> {
      requirePermission(caller.principal, 'catalog.read');
      return modelById(db, id);
    },

    /** For other modules' use cases, which have checked their own permissions. */
    modelById: (q: Queryable, id: string) => modelById(q, id),

    /** Several models at once, by id (for other modules' pages); an unknown id is left out. */
    async modelsByIds(q: Queryable, ids: string[]): Promise<Map<string, ModelView>> {
      return new Map((await repo.findModels(q, [...new Set(ids)])).map((r) => [r.model.id, modelView(r.model, r.category)]));
    },

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
      return (await repo.faultCodesOf(q, categoryId)).filter((r) => codes.includes(r.code));
    },
  };

  async function modelById(q: Queryable, id: string): Promise<ModelView> {
      const row = await repo.findModel(q, id);
      if (!row) throw notFound('model', id);
      return modelView(row.model, row.category);
  }

  async function listModels(s: z.infer<typeof modelListQuery>): Promise<Page<ModelView>> {
      const { rows, total } = await repo.searchModels(db, s);
      return { items: rows.map((r) => modelView(r.model, r.category)), total, limit: s.limit, offset: s.offset };
  }

  async function createFaultCode(input: z.infer<typeof createFaultCodeRequest>) {
      if (!(await category(db, input.categoryId))) throw invalid('categoryId', 'no such category');
      const parent = input.parentId ? await repo.findFaultCode(db, input.parentId) : undefined;
      if (input.parentId && !parent) throw invalid('parentId', 'no such fault code');
      const problem = faultParentProblem(input.level, parent, input.categoryId);
      if (problem) throw invalid('parentId', problem);
      const row = await repo.insertFaultCode(db, { id: newId(), ...input, parentId: input.parentId ?? null });
      if (!row) throw duplicate('code', input.code);
      return row;
  }

  async function faultTree(categoryId: string): Promise<FaultNode[]> {
      if (!(await category(db, categoryId))) throw notFound('category', categoryId);
      const rows = (await repo.faultCodesOf(db, categoryId)).map(({ id, parentId, level, code, nameZh, nameEn }) => ({ id, parentId, level, code, nameZh, nameEn }));
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
