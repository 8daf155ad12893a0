import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { Async, Dialog, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { named } from '../../shared/format';
import { useSession } from '../../shared/session';
import { listFaultCodes } from '../catalog/api';
import { orderEvidence } from '../evidence/api';
import { ProviderChoice, TechnicianChoice } from '../dispatch';
import { providerSuggestions } from '../dispatch/api';
import { bodyOf, fieldsOf, type FieldSpec } from './actions';
import { BookingWindows } from './BookingWindows';
import { actOnOrder, type ActionBody, type Order, type OrderAction } from './api';

/** One step's form: the fields the API needs, each with its own error under it. */
export function ActionDialog({ order, action, categoryId, onClose, onDone, onStale }: { order: Order; action: OrderAction; categoryId: string | null; onClose: () => void; onDone: (o: Order) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<Record<string, string | boolean>>(() => initialValues(action));
  const pickWindow = useCallback((from: string, to: string) => setValues((s) => ({ ...s, from, to })), []);
  const needs = useLoad(async () => {
    const [verdicts, faultTree, evidence] = await Promise.all([
      action === 'dispatch' ? providerSuggestions(order.id).then((r) => r.items) : [],
      action === 'complete' && categoryId ? listFaultCodes(categoryId).then((r) => r.items) : null,
      action === 'complete' ? orderEvidence(order.id).then((e) => e.rule) : null,
    ]);
    // The automatic choice comes chosen: taking it needs no reason.
    if (verdicts[0]?.eligible) setValues((s) => (s.providerId ? s : { ...s, providerId: verdicts[0].providerId }));
    return { verdicts, faultTree, evidence };
  }, [action]);

  async function submit(e: FormEvent, fields: FieldSpec[]) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      // The field specs (actions.ts) build each action's body from what was typed; the server judges it.
      const body = bodyOf(fields, values, order.version);
      // An assignment is judged on the day the technician list was judged for (absences).
      if (action === 'assign' && typeof values.date === 'string') body.date = values.date;
      onDone(await actOnOrder(order.id, action, body as ActionBody<OrderAction>));
    } catch (err) {
      errors.setError(err);
      // A refused code is counted on the order, and a 409 means it moved on: show it as it is now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 422)) onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t(`action.${action}`)} onClose={onClose}>
      <Async state={needs}>
        {(n) => {
          const fields = fieldsOf(action, { order, values, ...n, canOverride: can(action === 'book' || action === 'assign' ? 'orders.dispatch' : 'orders.confirm_override'), label: t, named });
          return (
            <form onSubmit={(e) => submit(e, fields)} noValidate>
              {action === 'book' && <BookingWindows order={order} chosen={typeof values.from === 'string' ? values.from : undefined} onPick={pickWindow} />}
              {fields.length === 0 && <p>{t(`actionHint.${action}`)}</p>}
              {fields.map((f, i) => {
                const set = (v: string | boolean) => setValues((s) => ({ ...s, [f.name]: v }));
                const chosen = typeof values[f.name] === 'string' ? (values[f.name] as string) : undefined;
                if (f.type === 'picked' && f.name === 'providerId') return <ProviderChoice key={f.name} verdicts={n.verdicts} chosen={chosen} error={errors.fieldError(f.name)} onPick={set} />;
                if (f.type === 'picked') return <TechnicianChoice key={f.name} order={order} chosen={chosen} error={errors.fieldError(f.name)} onPick={(id, date) => setValues((s) => ({ ...s, technicianId: id, date }))} />;
                return <ActionField key={f.name} spec={f} action={action} autoFocus={i === 0} value={values[f.name]} error={errors.fieldError(f.name)} onChange={set} />;
              })}
              {action === 'check_in' && <PositionButton onPosition={(lat, lng) => setValues((s) => ({ ...s, lat: String(lat), lng: String(lng) }))} />}
              <FormError message={errors.formError()} />
              <div className="actions">
                <button type="button" onClick={onClose}>
                  {t('action.cancelDialog')}
                </button>
                <button type="submit" className="primary" disabled={busy} autoFocus={fields.length === 0}>
                  {t(`action.${action}`)}
                </button>
              </div>
            </form>
          );
        }}
      </Async>
    </Dialog>
  );
}

function initialValues(action: OrderAction): Record<string, string | boolean> {
  // A booking's times come from the windows offered (BookingWindows), never from a wish that cannot be kept.
  if (action === 'follow_up') return { satisfaction: 'delighted', attitude: '5', skill: '5', fixedFirstTime: true, repeatVisit: false };
  if (action === 'hold') return { reason: 'waiting_for_customer' };
  return {};
}

function ActionField({ spec: f, action, value, error, autoFocus, onChange }: { spec: FieldSpec; action: OrderAction; value: string | boolean | undefined; error?: string; autoFocus: boolean; onChange: (v: string | boolean) => void }) {
  const { t } = useTranslation();
  const label = f.label ?? t(`fieldLabel.${action}.${f.name}`, { defaultValue: t(`field.${f.name}`) });
  if (f.type === 'checkbox') {
    return (
      <label className="check">
        <input type="checkbox" checked={value === true} autoFocus={autoFocus} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    );
  }
  const hint = t(`fieldHint.${action}.${f.name}`, { defaultValue: '' }) || undefined;
  return (
    <Field label={label} error={error} hint={hint} required={f.required}>
      {(p) => {
        const common = { ...p, autoFocus, value: typeof value === 'string' ? value : '' };
        if (f.type === 'select')
          return (
            <select {...common} onChange={(e) => onChange(e.target.value)}>
              <option value="">{f.name === 'replacement' ? t('evidence.replacementNone') : t('field.choose')}</option>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        if (f.type === 'textarea') return <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />;
        return (
          <input
            {...common}
            type={f.type === 'datetime' ? 'datetime-local' : f.type === 'number' ? 'number' : 'text'}
            inputMode={f.name === 'code' ? 'numeric' : undefined}
            min={f.min}
            max={f.max}
            step={f.step}
            onChange={(e) => onChange(e.target.value)}
          />
        );
      }}
    </Field>
  );
}

/** Fills latitude and longitude from the device, when it will tell. */
function PositionButton({ onPosition }: { onPosition: (lat: number, lng: number) => void }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (!('geolocation' in navigator)) return null;
  return (
    <p>
      <button
        type="button"
        onClick={() =>
          navigator.geolocation.getCurrentPosition(
            (pos) => onPosition(Number(pos.coords.latitude.toFixed(6)), Number(pos.coords.longitude.toFixed(6))),
            () => setFailed(true),
            { enableHighAccuracy: true, timeout: 10_000 },
          )
        }
      >
        {t('checkIn.usePosition')}
      </button>
      {failed && <small className="field-error"> {t('checkIn.noPosition')}</small>}
    </p>
  );
}
