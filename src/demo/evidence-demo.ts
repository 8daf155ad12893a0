// The demo's evidence rules: what a technician must show to complete each kind of job.
import type { evidenceRules } from '../modules/evidence/evidence.tables.js';
import type { Rng } from './prng.js';

type RuleRow = typeof evidenceRules.$inferInsert;

export function demoEvidenceRules(rng: Rng, categoryIds: Record<string, string>, at: Date): RuleRow[] {
  const rule = (categoryId: string | null, kind: string, r: Pick<RuleRow, 'photos' | 'serials' | 'readings' | 'faultCodes'>): RuleRow => ({ id: rng.uuid(), categoryId, kind, ...r, updatedAt: at, updatedBy: 'demo' });
  const pipe = { code: 'pipe_length_m', nameZh: '连接管长度', nameEn: 'Pipe length', unit: 'm', min: 0.5, max: 30, required: true };
  return [
    // Every category: an installation shows the installed unit; a return or exchange shows the serial plate.
    rule(null, 'installation', { photos: ['installed_unit'], serials: [], readings: [], faultCodes: false }),
    rule(null, 'return_exchange', { photos: ['serial'], serials: [], readings: [], faultCodes: false }),
    rule(null, 'repair', { photos: [], serials: [], readings: [], faultCodes: true }),
    // An air conditioner: both serial plates, both serials and the pipe length.
    rule(categoryIds.AC, 'installation', { photos: ['serial_indoor', 'serial_outdoor', 'installed_unit'], serials: ['indoor', 'outdoor'], readings: [pipe], faultCodes: false }),
    rule(categoryIds.AC, 'return_exchange', { photos: ['serial_indoor', 'serial_outdoor'], serials: ['indoor', 'outdoor'], readings: [], faultCodes: false }),
    rule(categoryIds.HEATER, 'installation', { photos: ['serial', 'installed_unit'], serials: ['main'], readings: [], faultCodes: false }),
  ];
}
