import type { RepairRecord, SoldUnit, WarrantyTerms } from './warranty.rules.js';
import type { ServiceHistoryItem } from './units.contract.js';


/** Finished or running repair orders are the repairs 三包 counts; cancelled ones never happened. */
export function repairsFromHistory(history: ServiceHistoryItem[]): RepairRecord[] {
  return history
    .filter((o) => o.kind === 'repair' && o.status !== 'cancelled' && o.symptomCode)
    .map((o) => ({
      faultCode: o.symptomCode as string,
      startedOn: o.createdAt.slice(0, 10),
      endedOn: o.doneAt ? o.doneAt.slice(0, 10) : null,
      partsWaitDays: o.partsWaitDays,
    }));
}

export function termsFromModel(model: { wholeUnitMonths: number; mainPartsMonths: number; mainParts: string[]; dailyDepreciationRate: number }): Partial<WarrantyTerms> {
  return {
    wholeUnitMonths: model.wholeUnitMonths,
    mainPartsMonths: model.mainPartsMonths,
    mainParts: model.mainParts,
    dailyDepreciationPerMillion: Math.round(model.dailyDepreciationRate * 1_000_000),
  };
}

export function soldUnit(
  unit: { channel: 'store' | 'online'; purchaseDate: string; invoiceNumber: string | null; receivedDate: string | null; priceFen: number; replacedOn: string | null },
  repairs: RepairRecord[],
  /** The model code on record, compared with the nameplate's for the model-mismatch exclusion. */
  modelCode: string,
): SoldUnit {
  return {
    modelId: modelCode,
    channel: unit.channel,
    invoiceDate: unit.purchaseDate,
    invoiceNumber: unit.invoiceNumber,
    receivedOn: unit.receivedDate,
    priceFen: unit.priceFen,
    lastReplacedOn: unit.replacedOn,
    repairs,
  };
}


export function serialMismatches(pattern: string | null, serials: { serial: string }[]): number[] {
  if (!pattern) return [];
  const re = new RegExp(`^(?:${pattern})$`);
  return serials.flatMap((s, i) => (re.test(s.serial) ? [] : [i]));
}
