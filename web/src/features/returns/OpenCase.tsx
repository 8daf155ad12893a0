// Opening a return case: from the order page when the 三包 answer allows a return or exchange, and
// the form that covers several of the customer's units, each line with the remedies its own 三包
// answer allows (a manager may override with a reason; the API checks the same).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { useSession } from '../../shared/session';
import { askSanbao, getUnit, listUnits, type SanbaoAnswer } from '../units/api';
import { openCase } from './api';

type Decision = 'refund' | 'exchange' | 'repair';
const decisions: Decision[] = ['refund', 'exchange', 'repair'];
/** The 三包 remedies as the case's decisions (returns.rules.ts decisionOf). */
const decisionOf = { refund: 'refund', replace: 'exchange', repair: 'repair' } as const;
const allowedBy = (answers: (SanbaoAnswer | null)[]) => decisions.filter((d) => answers.some((a) => a?.options.some((o) => decisionOf[o] === d)));

/** The two questions the desk asks for a return: the fault as reported, and a 7-day no-reason return. */
async function answersFor(unitId: string, faultCode: string, noReason: boolean): Promise<SanbaoAnswer[]> {
  const asked = await Promise.all([
    askSanbao(unitId, { faultCode: faultCode || 'NONE', kind: noReason ? 'other' : 'performance', customerRequestsNoReasonReturn: noReason }).catch(() => null),
  ]);
  return asked.filter((a): a is SanbaoAnswer => !!a);
}

/** On a return/exchange order: the 三包 answer for its unit and, when it allows a return or an exchange, the way to open a case. */
export function OrderReturnCase({ order }: { order: { id: string; kind: string; customerId: string; unitId: string | null; symptomCode: string | null; status: string } }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const show = order.kind === 'return_exchange' && !!order.unitId && can('returns.handle') && order.status !== 'closed' && order.status !== 'cancelled';
  const state = useLoad(async () => {
    if (!show) return null;
    // The faults the unit was repaired for (a fault repaired twice is what allows an exchange), and a 7-day no-reason return.
    const unit = await getUnit(order.unitId!);
    const faults = [...new Set([order.symptomCode, ...unit.orders.filter((h) => h.kind === 'repair' && h.doneAt).map((h) => h.symptomCode)].filter((c): c is string => !!c))].slice(0, 3);
    const asked = await Promise.all([...(faults.length ? faults : ['NONE']).map((f) => answersFor(order.unitId!, f, false)), answersFor(order.unitId!, 'NONE', true)]);
    const answers = asked.flat();
    const best = faults.find((_, i) => asked[i].some((a) => a.options.includes('replace') || a.options.includes('refund')));
    return { answers: answers.filter((a) => a.options.includes('replace') || a.options.includes('refund')), faultCode: best ?? '' };
  }, [order.id, show]);
  if (!show) return null;
  return (
    <section className="card" aria-labelledby="order-return-title">
      <h2 id="order-return-title">{t('returns.fromOrder')}</h2>
      <Async state={state}>
        {(found) => {
          const answers = found?.answers ?? [];
          const allowed = allowedBy(answers).filter((d) => d !== 'repair');
          return (
            <>
              {answers.map((a, i) => (
                <p key={i} className="muted">
                  {t('returns.sanbao')}: {a.reason.zh} / {a.reason.en}
                </p>
              ))}
              {allowed.length > 0 ? (
                <Link className="button primary" to={`/app/returns?orderId=${order.id}&customerId=${order.customerId}&unitId=${order.unitId}&faultCode=${encodeURIComponent(found?.faultCode ?? '')}`}>
                  {t('returns.openFromOrder', { remedies: allowed.map((d) => t(`returnDecision.${d}`)).join(' / ') })}
                </Link>
              ) : (
                <p>{t('returns.noReturnAllowed')}</p>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}

type Line = { unitId: string; faultCode: string; noReason: boolean; requested: Decision | ''; override: boolean; overrideReason: string };

/** One unit's line: its 三包 answer asked again as the fault is typed; the choices are what it allows. */
function LineEditor({ line, index, label, onChange, fieldError }: { line: Line; index: number; label: string; onChange: (l: Line) => void; fieldError: (path: string) => string | undefined }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [answers, setAnswers] = useState<SanbaoAnswer[] | null>(null);
  useEffect(() => {
    let live = true;
    answersFor(line.unitId, line.faultCode, line.noReason).then((a) => live && setAnswers(a));
    return () => {
      live = false;
    };
  }, [line.unitId, line.faultCode, line.noReason]);
  const allowed = answers ? allowedBy(answers) : [];
  const choices = line.override ? decisions : allowed;
  useEffect(() => {
    if (answers && line.requested && !choices.includes(line.requested)) onChange({ ...line, requested: '' });
    else if (answers && !line.requested && choices.length > 0) onChange({ ...line, requested: choices[0] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answers, line.override]);
  return (
    <fieldset className="card" data-unit={line.unitId}>
      <legend>{label}</legend>
      <Field label={t('returns.faultCode')} error={fieldError(`lines.${index}.faultCode`)}>
        {(p) => <input {...p} value={line.faultCode} onChange={(e) => onChange({ ...line, faultCode: e.target.value })} />}
      </Field>
      <label>
        <input type="checkbox" checked={line.noReason} onChange={(e) => onChange({ ...line, noReason: e.target.checked })} /> {t('returns.noReason')}
      </label>
      <p className="muted" aria-live="polite">
        {answers === null ? t('returns.asking') : answers.map((a) => `${t('returns.sanbao')}: ${a.reason.zh} / ${a.reason.en}`).join(' · ')}
      </p>
      <Field label={t('returns.requested')} error={fieldError(`lines.${index}.requested`)}>
        {(p) => (
          <select {...p} value={line.requested} onChange={(e) => onChange({ ...line, requested: e.target.value as Decision })}>
            {choices.length === 0 && <option value="">{t('returns.nothingAllowed')}</option>}
            {choices.map((d) => (
              <option key={d} value={d}>
                {t(`returnDecision.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {can('returns.approve') && (
        <label>
          <input type="checkbox" checked={line.override} onChange={(e) => onChange({ ...line, override: e.target.checked })} /> {t('returns.override')}
        </label>
      )}
      {line.override && (
        <Field label={t('returns.overrideReason')} error={fieldError(`lines.${index}.override`)} required>
          {(p) => <input {...p} value={line.overrideReason} onChange={(e) => onChange({ ...line, overrideReason: e.target.value })} />}
        </Field>
      )}
    </fieldset>
  );
}

/** A case for one or more of the customer's units, each line resolved on its own. */
export function OpenCaseForm({ orderId, customerId, unitId, faultCode = '' }: { orderId: string; customerId: string | null; unitId: string; faultCode?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setError, fieldError, formError } = useFormErrors();
  const units = useLoad(async () => (customerId ? (await listUnits({ ownerId: customerId, limit: 50 })).items : []), [customerId]);
  const fresh = (id: string): Line => ({ unitId: id, faultCode: '', noReason: false, requested: '', override: false, overrideReason: '' });
  const [lines, setLines] = useState<Line[]>(unitId ? [{ ...fresh(unitId), faultCode }] : []);
  const toggle = (id: string, on: boolean) => setLines((ls) => (on ? [...ls.filter((l) => l.unitId !== id), fresh(id)] : ls.filter((l) => l.unitId !== id)));
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const made = await openCase({
        orderId,
        lines: lines.map((l) => ({
          unitId: l.unitId,
          faultCode: l.faultCode || 'NONE',
          kind: l.noReason ? ('other' as const) : ('performance' as const),
          customerRequestsNoReasonReturn: l.noReason,
          requested: (l.requested || 'refund') as Decision,
          override: l.override ? { reason: l.overrideReason } : undefined,
        })),
      });
      navigate(`/app/returns/${made.id}`);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="open-case-title" className="card">
      <h2 id="open-case-title">{t('returns.openTitle')}</h2>
      <Async state={units}>
        {(list) => (
          <fieldset>
            <legend>{t('returns.pickUnits')}</legend>
            {list.length === 0 && unitId && <p className="muted">{unitId}</p>}
            {list.map((u) => (
              <label key={u.id} className="check-row">
                <input type="checkbox" checked={lines.some((l) => l.unitId === u.id)} onChange={(e) => toggle(u.id, e.target.checked)} /> {u.modelNameZh} · {u.serials.map((s) => s.serial).join(' / ')}
              </label>
            ))}
          </fieldset>
        )}
      </Async>
      {lines.map((l, i) => {
        const unit = units.data?.find((u) => u.id === l.unitId);
        return <LineEditor key={l.unitId} line={l} index={i} label={unit ? unit.serials.map((s) => s.serial).join(' / ') : l.unitId} fieldError={fieldError} onChange={(next) => setLines((ls) => ls.map((x) => (x.unitId === next.unitId ? next : x)))} />;
      })}
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={lines.length === 0 || lines.some((l) => !l.requested || (l.override && !l.overrideReason.trim()))}>
        {t('returns.openButton')}
      </button>
    </form>
  );
}
