// Photos from the job: what was there, the serial plate, the finished work. Kept in the database
// with the order, so every server copy serves them and a backup holds them.
import { createHash } from 'node:crypto';
import { asc, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { AppError, notFound } from '../../shared/errors.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { workOrderPhotos } from './work-orders.tables.js';
import { checkImage, sniffImage } from './image-check.js';
import { isOpen, type OrderStatus } from './work-orders.rules.js';
import type { WorkOrdersService } from './work-orders.service.js';

export const photoKinds = ['before', 'after', 'serial', 'invoice', 'site', 'other'] as const;
export type PhotoKind = (typeof photoKinds)[number];
export { sniffImage };

const photoView = (p: Omit<typeof workOrderPhotos.$inferSelect, 'data'>) => ({
  id: p.id, orderId: p.orderId, kind: p.kind, contentType: p.contentType, bytes: p.bytes, sha256: p.sha256, uploadedBy: p.uploadedBy, uploadedAt: p.uploadedAt.toISOString(),
});

export function createPhotosService({ db, clock, workOrders, limitBytes }: { db: Db; clock: Clock; workOrders: WorkOrdersService; limitBytes: number }) {
  return {
    limitBytes,
    async add(caller: Caller, orderId: string, kind: PhotoKind, declaredType: string | undefined, body: Uint8Array) {
      requirePermission(caller.principal, 'orders.field');
      // The file is checked before the order is looked up: bad input answers 400 wherever it is sent.
      if (body.length === 0) throw new AppError('validation_failed', 400, '(body): empty file / 文件为空', [{ path: '(body)', message: 'empty' }]);
      if (body.length > limitBytes) throw new AppError('photo_too_large', 413, `(body): ${body.length} bytes, at most ${limitBytes} / 照片过大`, [{ path: '(body)', message: `at most ${limitBytes} bytes` }]);
      const type = sniffImage(body);
      if (!type) throw new AppError('validation_failed', 400, '(body): only JPEG, PNG or WebP photos / 仅支持 JPEG、PNG、WebP 照片', [{ path: '(body)', message: 'not a JPEG, PNG or WebP image' }]);
      const verdict = checkImage(body);
      if (!verdict.ok) throw new AppError('validation_failed', 400, `(body): not a well-formed image (${verdict.problem}) / 图片文件不完整或夹带其他内容`, [{ path: '(body)', message: verdict.problem }]);
      if (declaredType && declaredType !== type) throw new AppError('validation_failed', 400, `content-type: says ${declaredType}, the file is ${type} / 文件类型不符`, [{ path: 'content-type', message: `the file is ${type}` }]);
      const order = await workOrders.get(caller, orderId);
      if (!isOpen(order.status as OrderStatus)) throw new AppError('order_closed', 409, 'Photos are taken while the order is open / 工单已结束，不能再上传照片');
      const [row] = await db
        .insert(workOrderPhotos)
        .values({ id: newId(), orderId, kind, contentType: type, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), data: Buffer.from(body), uploadedBy: actorName(caller.principal), uploadedAt: clock.now() })
        .returning();
      return photoView(row);
    },
    async list(caller: Caller, orderId: string) {
      requirePermission(caller.principal, 'orders.read');
      await workOrders.get(caller, orderId);
      const { data: _d, ...columns } = getTableColumns(workOrderPhotos);
      const rows = await db.select(columns).from(workOrderPhotos).where(eq(workOrderPhotos.orderId, orderId)).orderBy(asc(workOrderPhotos.uploadedAt), asc(workOrderPhotos.id));
      return rows.map(photoView);
    },
    async file(caller: Caller, photoId: string) {
      requirePermission(caller.principal, 'orders.read');
      const [row] = await db.select().from(workOrderPhotos).where(eq(workOrderPhotos.id, photoId));
      if (!row) throw notFound('photo', photoId);
      // Seen only by those who see its order; a technician's access ends with the order, as for the address.
      const order = await workOrders.get(caller, row.orderId).catch(() => undefined);
      if (!order || (orderScope(caller.principal).kind === 'technician' && !isOpen(order.status as OrderStatus))) throw notFound('photo', photoId);
      return { id: row.id, contentType: row.contentType, data: row.data };
    },
  };
}
export type PhotosService = ReturnType<typeof createPhotosService>;
