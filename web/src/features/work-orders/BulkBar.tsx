import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { nameOf } from '../../shared/format';
import { useSession } from '../../shared/session';
import { listProviders, listTechnicians } from '../network/api';
import { bulkAct, type BulkResult, type Order } from './api';

type Step = 'dispatch' | 'assign' | 'cancel';

/** A server message "English / 中文" in the reader's language. */
function inLanguage(message: string, zh: boolean): string {
  const i = message.lastIndexOf(' / ');
  if (i < 0) return message;
  return zh ? message.slice(i + 3) : message.slice(0, i);
}

/** Dispatch, assign or cancel the ticked orders; the answer, per order, summed up with each refusal's reason. */
export function BulkBar({ orders, onDone }: { orders: Order[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [step, setStep] = useState<Step | null>(null);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const errors = useFormErrors();
  // Technicians of the orders' provider when they share one; else every technician the user may see.
  const providers = new Set(orders.map((o) => o.providerId).filter(Boolean));
  const commonProvider = providers.size === 1 ? [...providers][0]! : undefined;
  const choices = useLoad(
    () =>
      step === 'dispatch' ? listProviders().then((r) => r.items.map((p) => ({ id: p.id, name: nameOf(p) }))) : step === 'assign' ? listTechnicians({ providerId: commonProvider, limit: 200 }).then((r) => r.items.map((te) => ({ id: te.id, name: nameOf(te) }))) : Promise.resolve([]),
    [step, commonProvider],
  );
  const zh = !!i18n.language?.startsWith('zh');
  const start = (s: Step) => {
    setStep(s);
    setTarget('');
    setReason('');
    errors.setError(null);
  };
  const submit = async () => {
    const ids = orders.map((o) => o.id);
    const why = reason.trim() || undefined;
    try {
      const answer =
        step === 'dispatch' ? await bulkAct({ action: 'dispatch', ids, providerId: target, reason: why }) : step === 'assign' ? await bulkAct({ action: 'assign', ids, technicianId: target, reason: why }) : await bulkAct({ action: 'cancel', ids, reason: reason.trim() });
      setResult(answer);
      setStep(null);
      onDone();
    } catch (e) {
      errors.setError(e);
    }
  };
  const numberOf = (id: string, number: string | null) => number ?? orders.find((o) => o.id === id)?.number ?? id;
  return (
    <>
      {orders.length > 0 && (
        <div className="bulk-bar" role="group" aria-label={t('lists.bulk')}>
          <span>{t('lists.selected', { count: orders.length })}</span>
          {can('orders.dispatch') && (
            <button type="button" onClick={() => start('dispatch')}>
              {t('lists.bulkDispatch')}
            </button>
          )}
          {can('orders.assign') && (
            <button type="button" onClick={() => start('assign')}>
              {t('lists.bulkAssign')}
            </button>
          )}
          {can('orders.manage') && (
            <button type="button" onClick={() => start('cancel')}>
              {t('lists.bulkCancel')}
            </button>
          )}
        </div>
      )}
      {result && (
        <section className="bulk-result" role="status" aria-label={t('lists.bulk')}>
          <p>
            <strong>{t('lists.summary', { done: result.done, unchanged: result.unchanged, refused: result.refused })}</strong>
          </p>
          {result.refused > 0 && (
            <ul aria-label={t('lists.refusals')}>
              {result.items
                .filter((i) => i.outcome === 'refused')
                .map((i) => (
                  <li key={i.id}>
                    {numberOf(i.id, i.number)}: {inLanguage(i.error?.message ?? '', zh)}
                  </li>
                ))}
            </ul>
          )}
        </section>
      )}
      {step && (
        <Dialog title={t(step === 'dispatch' ? 'lists.bulkDispatch' : step === 'assign' ? 'lists.bulkAssign' : 'lists.bulkCancel')} onClose={() => setStep(null)}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            {step !== 'cancel' && (
              <Field label={step === 'dispatch' ? t('lists.toProvider') : t('lists.toTechnician')} required error={errors.fieldError(step === 'dispatch' ? 'providerId' : 'technicianId')}>
                {(p) => (
                  <select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
                    <option value="">{t('lists.choose')}</option>
                    {(choices.data ?? []).map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label={t('lists.reason')} required={step === 'cancel'} error={errors.fieldError('reason')}>
              {(p) => <input {...p} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <FormError message={errors.formError()} />
            <div className="actions">
              <button type="submit">{t('lists.apply', { count: orders.length })}</button>
              <button type="button" onClick={() => setStep(null)}>
                {t('lists.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
