// What an import can bring (its entity), the fields each maps and which are required, and the
// statuses of an import: shared by the tables, the rules and the contract (the console reads it).
export const importEntities = ['customers', 'units', 'orders', 'parts', 'prices'] as const;
export type ImportEntity = (typeof importEntities)[number];

export const customerFields = ['externalKey', 'name', 'kind', 'tier', 'preferredLanguage', 'preferredChannel', 'consentToContact', 'email', 'birthday', 'notes', 'phone1', 'phone2', 'phone3', 'province', 'city', 'district', 'street', 'postalCode', 'lat', 'lng'] as const;
export type CustomerField = (typeof customerFields)[number];
export const requiredFields: CustomerField[] = ['externalKey', 'name', 'phone1'];

/** Units: the owner by the customer's key of an earlier import or their Aftercare number; the warranty follows from the model and the dates. */
export const unitFields = ['externalKey', 'modelCode', 'ownerKey', 'mainSerial', 'mainSerialRole', 'otherSerials', 'purchaseDate', 'receivedDate', 'channel', 'invoiceNumber', 'priceFen', 'installedOn'] as const;
export type UnitField = (typeof unitFields)[number];
export const requiredUnitFields: UnitField[] = ['externalKey', 'modelCode', 'ownerKey', 'mainSerial', 'purchaseDate'];

/**
 * Historical orders (a migration): the customer and unit by an earlier import's key or their
 * Aftercare number / id, the provider by code and the technician by phone; the dates of the
 * milestones reached make the order's history.
 */
export const orderFields = ['externalKey', 'kind', 'status', 'priority', 'channel', 'customerKey', 'unitKey', 'symptom', 'providerCode', 'technicianPhone', 'createdAt', 'appointmentFrom', 'appointmentTo', 'checkedInAt', 'doneAt', 'confirmedAt', 'closedAt'] as const;
export type OrderField = (typeof orderFields)[number];
export const requiredOrderFields: OrderField[] = ['externalKey', 'kind', 'status', 'customerKey', 'symptom', 'createdAt'];

/** Spare parts: the part number is the key; the bill of materials by model codes. */
export const partFields = ['number', 'nameZh', 'nameEn', 'listFen', 'issueFen', 'currency', 'isMain', 'serialised', 'returnable', 'returnDays', 'warrantyMonths', 'active', 'modelCodes'] as const;
export type PartField = (typeof partFields)[number];
export const requiredPartFields: PartField[] = ['number', 'nameZh', 'nameEn', 'listFen'];

/**
 * Price lists: one row per item of a list's version (the provider's contract list by its code, else
 * the national list, in force from `effectiveFrom`); `section` (labour, extra, distance, area) says
 * which of the other columns the row fills.
 */
export const priceFields = ['externalKey', 'providerCode', 'effectiveFrom', 'section', 'categoryCode', 'kind', 'mode', 'callOutFen', 'labourFen', 'code', 'nameZh', 'nameEn', 'unit', 'priceFen', 'customerPays', 'areaType', 'freeKm', 'ratePerKmFen', 'maxKm', 'province', 'city', 'district'] as const;
export type PriceField = (typeof priceFields)[number];
export const requiredPriceFields: PriceField[] = ['externalKey', 'effectiveFrom', 'section'];

export const fieldsOf: Record<ImportEntity, readonly string[]> = { customers: customerFields, units: unitFields, orders: orderFields, parts: partFields, prices: priceFields };
export const requiredOf: Record<ImportEntity, readonly string[]> = { customers: requiredFields, units: requiredUnitFields, orders: requiredOrderFields, parts: requiredPartFields, prices: requiredPriceFields };

export const importStatuses = ['uploaded', 'validating', 'validated', 'running', 'done', 'failed'] as const;
