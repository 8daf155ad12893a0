// The fields an import of customers maps and the statuses of an import: shared by the tables, the rules and the contract (the console reads it).
export const customerFields = ['externalKey', 'name', 'kind', 'tier', 'preferredLanguage', 'preferredChannel', 'consentToContact', 'email', 'birthday', 'notes', 'phone1', 'phone2', 'phone3', 'province', 'city', 'district', 'street', 'postalCode', 'lat', 'lng'] as const;
export type CustomerField = (typeof customerFields)[number];
export const requiredFields: CustomerField[] = ['externalKey', 'name', 'phone1'];
export const importStatuses = ['uploaded', 'validating', 'validated', 'running', 'done', 'failed'] as const;
