// Photos from the job: what was there, the serial plate, the finished work. Kept in the database
// with the order, so every server copy serves them and a backup holds them.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { notFound } from '../../shared/errors.js';
import { actorName, orderScope, requirePermission, type Caller } from '../../kernel/scopes.js';
import { insertPhoto, photoById, photosOf, type PhotoRow } from './work-orders.repo.js';
import { orderErrors } from './work-orders.errors.js';
import { checkImage, sniffImage } from './image-check.js';
import { isOpen, type OrderStatus } from './work-orders.rules.js';
import type { WorkOrdersService } from './work-orders.service.js';
import type { OrderFollower } from './work-orders.followers.js';

export const photoKinds = ['before', 'after', 'serial', 'serial_indoor', 'serial_outdoor', 'installed_unit', 'replaced_part', 'invoice', 'site', 'other'] as const;
export type PhotoKind = (typeof photoKinds)[number];
export { sniffImage };

const photoView = (p: Omit<PhotoRow, 'data'>) => ({
  id: p.id, orderId: p.orderId, kind: p.kind, contentType: p.contentType, bytes: p.bytes, sha256: p.sha256, uploadedBy: p.uploadedBy, uploadedAt: p.uploadedAt.toISOString(),
});

export function createPhotosService({ db, clock, workOrders, limitBytes, followers }: { db: Db; clock: Clock; workOrders: WorkOrdersService; limitBytes: number; followers: OrderFollower[] }) {
  return {
    limitBytes,
    async add(caller: Caller, orderId: string, kind: PhotoKind, declaredType: string | undefined, body: Uint8Array) {
      requirePermission(caller.principal, 'orders.field');
      // The file is checked before the order is looked up: bad input answers 400 wherever it is sent.
      if (body.length === 0) throw orderErrors.emptyPhoto();
      if (body.length > limitBytes) throw orderErrors.photoTooLarge(body.length, limitBytes);
      const type = sniffImage(body);
      if (!type) throw orderErrors.notAPhoto();
      const verdict = checkImage(body);
      if (!verdict.ok) throw orderErrors.malformedPhoto(verdict.problem);
      if (declaredType && declaredType !== type) throw orderErrors.photoTypeMismatch(declaredType, type);
      const order = await workOrders.get(caller, orderId);
      if (!isOpen(order.status as OrderStatus)) throw orderErrors.orderClosed();
      const row = await db.transaction(async (tx) => {
        const made = await insertPhoto(tx, { id: newId(), orderId, kind, contentType: type, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), data: Buffer.from(body), uploadedBy: actorName(caller.principal), uploadedAt: clock.now() });
        for (const f of followers) await f.evidence?.photoStored(tx, { id: made.id, orderId, sha256: made.sha256, at: made.uploadedAt });
        return made;
      });
      return photoView(row);
    },
    async list(caller: Caller, orderId: string) {
      requirePermission(caller.principal, 'orders.read');
      await workOrders.get(caller, orderId);
      return (await photosOf(db, orderId)).map(photoView);
    },
    async file(caller: Caller, photoId: string) {
      requirePermission(caller.principal, 'orders.read');
      const row = await photoById(db, photoId);
      if (!row) throw notFound('photo', photoId);
      // Seen only by those who see its order; a technician's access ends with the order, as for the address.
      const order = await workOrders.get(caller, row.orderId).catch(() => undefined);
      if (!order || (orderScope(caller.principal).kind === 'technician' && !isOpen(order.status as OrderStatus))) throw notFound('photo', photoId);
      return { id: row.id, contentType: row.contentType, data: row.data };
    },
  };
}
export type PhotosService = ReturnType<typeof createPhotosService>;
