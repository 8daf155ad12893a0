// What each lifecycle step asks for, as the API's action requests want it.
import type { FaultNode } from '../catalog/api';
import type { OrderEvidence } from '../evidence/api';
import type { ProviderVerdict } from '../dispatch/api';
import type { Order, OrderAction } from './api';

export type FieldSpec = {
  name: string;
  /** picked: chosen from the API's judgement (providers, technicians), drawn by the dialog. */
  type: 'text' | 'textarea' | 'datetime' | 'number' | 'select' | 'checkbox' | 'picked';
  required?: boolean;
  options?: { value: string; label: string }[];
  /** A label of its own (a reading's name from the evidence rule) instead of the field's. */
  label?: string;
  min?: number;
  max?: number;
  step?: number;
};

export type ActionContext = {
  order: Order;
  values: Record<string, string | boolean>;
  /** The providers as the API judged them for this order, eligible and least loaded first. */
  verdicts: ProviderVerdict[];
  faultTree: FaultNode[] | null;
  /** The order's evidence rule, for completing: its readings, and whether fault codes are asked. */
  evidence: OrderEvidence['rule'] | null;
  canOverride: boolean;
  label: (key: string) => string;
  named: (r: { nameZh: string; nameEn: string }) => string;
};

const reason = (required: boolean): FieldSpec => ({ name: 'reason', type: 'textarea', required });
const note: FieldSpec = { name: 'note', type: 'textarea' };
const score = (name: string): FieldSpec => ({ name, type: 'select', required: true, options: ['5', '4', '3', '2', '1'].map((v) => ({ value: v, label: v })) });

function faultFields(c: ActionContext): FieldSpec[] {
  if (!c.faultTree) return ['symptomCode', 'causeCode', 'remedyCode'].map((name) => ({ name, type: 'text', required: true }));
  const option = (n: { code: string; nameZh: string; nameEn: string }) => ({ value: n.code, label: `${n.code} ${c.named(n)}` });
  const symptom = c.faultTree.find((s) => s.code === c.values.symptomCode);
  const cause = symptom?.children.find((x) => x.code === c.values.causeCode);
  return [
    { name: 'symptomCode', type: 'select', required: true, options: c.faultTree.map(option) },
    { name: 'causeCode', type: 'select', required: true, options: (symptom?.children ?? []).map(option) },
    { name: 'remedyCode', type: 'select', required: true, options: (cause?.children ?? []).map(option) },
  ];
}

export function fieldsOf(action: OrderAction, c: ActionContext): FieldSpec[] {
  switch (action) {
    case 'accept':
    case 'accept_job':
    case 'resume':
      return [note];
    case 'decline_job':
      return [reason(true)];
    case 'dispatch':
    {
      // Another provider than the automatic choice is an override: it needs a reason.
      const auto = c.verdicts[0]?.eligible ? c.verdicts[0].providerId : null;
      const override = auto !== null && typeof c.values.providerId === 'string' && c.values.providerId !== '' && c.values.providerId !== auto;
      return [{ name: 'providerId', type: 'picked', required: true }, reason(!!c.order.providerId || override)];
    }
    case 'assign':
      // A dispatcher may assign one lacking the skill or absent that day, saying why (the API refuses the rest).
      return [{ name: 'technicianId', type: 'picked', required: true }, reason(!!c.order.technicianId), ...(c.canOverride ? [{ name: 'overrideReason', type: 'textarea' } as FieldSpec] : [])];
    case 'book':
      // A dispatcher may book a window the technician cannot keep, saying why.
      return [{ name: 'from', type: 'datetime', required: true }, { name: 'to', type: 'datetime', required: true }, note, ...(c.canOverride ? [{ name: 'overrideReason', type: 'textarea' } as FieldSpec] : [])];
    case 'check_in':
      return [
        { name: 'lat', type: 'number', required: true, min: -90, max: 90, step: 0.000001 },
        { name: 'lng', type: 'number', required: true, min: -180, max: 180, step: 0.000001 },
      ];
    case 'complete': {
      const readings: FieldSpec[] = (c.evidence?.readings ?? []).map((r) => ({ name: `readings.${r.code}`, type: 'number', required: r.required, min: r.min ?? undefined, max: r.max ?? undefined, step: 0.1, label: `${c.named(r)} (${r.unit})` }));
      const replacement: FieldSpec = { name: 'replacement', type: 'select', options: ['part', 'unit'].map((v) => ({ value: v, label: c.label(`replacementKind.${v}`) })) };
      // Fault codes only where the kind diagnoses a fault (the evidence rule says); an installation has none to give.
      const faults = c.evidence && !c.evidence.faultCodes ? [] : faultFields(c);
      return [...faults, { name: 'confirmedSerials', type: 'text', required: (c.evidence?.serials.length ?? 0) > 0 }, ...readings, replacement, { name: 'notes', type: 'textarea' }];
    }
    case 'send_acceptance_code':
      return [];
    case 'confirm':
      return [{ name: 'code', type: 'text', required: !c.canOverride }, ...(c.canOverride ? [{ name: 'overrideReason', type: 'textarea' } as FieldSpec] : [])];
    case 'follow_up':
      return [
        { name: 'satisfaction', type: 'select', required: true, options: ['delighted', 'neutral', 'dissatisfied'].map((v) => ({ value: v, label: c.label(`satisfaction.${v}`) })) },
        score('attitude'),
        score('skill'),
        { name: 'fixedFirstTime', type: 'checkbox' },
        { name: 'repeatVisit', type: 'checkbox' },
        { name: 'comment', type: 'textarea' },
      ];
    case 'close':
      return [reason(false)];
    case 'cancel':
    case 'reopen':
    case 'redo':
      return [reason(true)];
    case 'hold':
      return [{ name: 'reason', type: 'select', required: true, options: ['waiting_for_customer', 'waiting_for_parts'].map((v) => ({ value: v, label: c.label(`hold.${v}`) })) }, note];
  }
}

/** The form's values as the action's request body: empty fields left out, types as the API wants them. */
export function bodyOf(fields: FieldSpec[], values: Record<string, string | boolean>, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { version };
  for (const f of fields) {
    const v = values[f.name];
    if (f.type === 'checkbox') body[f.name] = v === true;
    else if (typeof v !== 'string' || v.trim() === '') continue;
    else if (f.name.startsWith('readings.')) body.readings = { ...(body.readings as object), [f.name.slice('readings.'.length)]: Number(v) };
    else if (f.type === 'number' || f.name === 'attitude' || f.name === 'skill') body[f.name] = Number(v);
    else if (f.type === 'datetime') body[f.name] = new Date(v).toISOString();
    else if (f.name === 'confirmedSerials') body[f.name] = v.split(/[\s,，]+/).filter(Boolean);
    else body[f.name] = v.trim();
  }
  return body;
}
