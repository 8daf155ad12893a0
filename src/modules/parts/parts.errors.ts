import { AppError } from '../../shared/errors.js';
import type { Refusal } from './parts.rules.js';

const bad = (path: string, en: string, zh: string) => new AppError('validation_failed', 400, `${path}: ${en} / ${zh}`, [{ path, message: en, zh }]);

export const partsErrors = {
  partNotFound: (id: string) => new AppError('part_not_found', 404, `part ${id} not found / 未找到配件`, [{ path: 'id', message: 'not found' }]),
  locationNotFound: (id: string) => new AppError('stock_location_not_found', 404, `stock location ${id} not found / 未找到库位`, [{ path: 'id', message: 'not found' }]),
  requestNotFound: (id: string) => new AppError('part_request_not_found', 404, `part request ${id} not found / 未找到配件申请`, [{ path: 'id', message: 'not found' }]),
  countNotFound: (id: string) => new AppError('stock_count_not_found', 404, `stock count ${id} not found / 未找到盘点单`, [{ path: 'id', message: 'not found' }]),
  refused: (r: Refusal) => bad(r.path, r.en, r.zh),
  numberTaken: () => new AppError('part_number_taken', 409, 'number: a part with this number exists / 该配件编号已存在', [{ path: 'number', message: 'taken' }]),
  codeTaken: () => new AppError('stock_location_taken', 409, 'code: a location with this code, or this owner, exists / 该库位编码或归属已存在', [{ path: 'code', message: 'taken' }]),
  noSuchModel: (i: number) => bad(`modelIds.${i}`, 'no such product model', '产品型号不存在'),
  noSuchPart: (path = 'partId') => bad(path, 'no such part', '配件不存在'),
  noSuchLocation: (path: string) => bad(path, 'no such stock location', '库位不存在'),
  owner: (path: string, en: string, zh: string) => bad(path, en, zh),
  returnDays: () => bad('returnDays', 'a returnable part needs its return deadline in days', '需返厂的配件须填写返厂期限（天）'),
  currency: () => bad('currency', 'only CNY', '仅支持人民币'),
  shortage: (path = 'quantity') => new AppError('out_of_stock', 409, `${path}: not enough stock here / 库存不足`, [{ path, message: 'not enough stock', zh: '库存不足' }]),
  serialNotHere: (i: number) => bad(`serials.${i}`, 'not in stock at this location', '该序列号不在此库位'),
  serialKnown: () => new AppError('serial_known', 409, 'serials: a serial given is known already; a serial is at exactly one place / 序列号已存在，一个序列号只能在一处', [{ path: 'serials', message: 'known' }]),
  serialNeeded: () => bad('serial', 'a serialised part needs the serial of the part fitted', '序列号管理的配件须填写所装配件的序列号'),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  illegalStep: (status: string, action: string) => new AppError('illegal_step', 409, `Cannot ${action} a request or count that is ${status} / 当前状态（${status}）不能执行该操作`, { status, action }),
  orderNotHere: (status: string) => new AppError('illegal_step', 409, `An order that is ${status} takes no parts now: on site, on hold or just done / 工单当前状态（${status}）不能登记配件`, { status }),
  orderNotHoldable: (status: string) => new AppError('illegal_step', 409, `An order that is ${status} cannot wait for parts / 工单当前状态（${status}）不能挂起等待配件`, { status }),
  noSource: () => bad('locationId', "the order has no technician's van or provider's store to take parts from: name one", '该工单没有师傅车载库或网点库，请指定库位'),
  sameLocation: () => bad('toLocationId', 'must differ from the source', '不能与来源库位相同'),
  notYours: () => new AppError('forbidden', 403, 'You may only take this step at a location you keep / 只能处理本人负责库位的配件', []),
  lineReused: () => new AppError('line_key_reused', 409, 'lineKey: this order line recorded another part or quantity / 该工单行已登记其他配件或数量', [{ path: 'lineKey', message: 'reused' }]),
};

/** The old-part return's (旧件返厂) answers. */
export const returnsErrors = {
  returnNotFound: (id: string) => new AppError('old_part_return_not_found', 404, `old-part return ${id} not found / 未找到旧件返厂记录`, [{ path: 'id', message: 'not found' }]),
  shipmentNotFound: (id: string) => new AppError('old_part_shipment_not_found', 404, `old-part shipment ${id} not found / 未找到旧件返厂包裹`, [{ path: 'id', message: 'not found' }]),
  noSuchReturn: (i: number) => bad(`returnIds.${i}`, 'no such old-part return', '旧件返厂记录不存在'),
  returnIdTwice: (i: number) => bad(`returnIds.${i}`, 'given twice', '重复填写'),
  mixedProviders: (i: number) => bad(`returnIds.${i}`, "another provider's return: a box holds one provider's parts", '一个包裹只能装同一网点的旧件'),
  notToPack: (i: number, status: string) => new AppError('illegal_step', 409, `returnIds.${i}: this return is ${status}, not waiting to be packed / 该旧件当前状态（${status}）不能装箱`, { path: `returnIds.${i}`, status }),
  notAWarehouse: () => bad('toLocationId', 'old parts go to a central or regional warehouse', '旧件须寄往中央仓或区域仓'),
  illegalStep: (status: string, action: string) => new AppError('illegal_step', 409, `Cannot ${action} now: it is ${status} / 当前状态（${status}）不能执行该操作`, { status, action }),
  staleVersion: (current: number) => new AppError('version_conflict', 409, 'Someone else changed this; reload and try again / 已被他人修改，请刷新后重试', { currentVersion: current }),
  refused: (r: Refusal) => bad(r.path, r.en, r.zh),
  alreadyLabelled: (tag: string) => new AppError('already_labelled', 409, `This old part is labelled already (tag ${tag}) / 该旧件已挂签（${tag}）`, { path: 'tag', tag }),
};
