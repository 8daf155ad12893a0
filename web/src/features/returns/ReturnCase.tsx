import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Async, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { dateTime, money, pick } from '../../shared/format';
import { SignaturePad } from '../../shared/SignaturePad';
import { caseStep, getCase, type CaseStep, type ReturnCaseDetail } from './api';

const responsibilities = ['product_quality', 'installation', 'transport', 'customer_misuse', 'no_fault_found'] as const;
const decisions = ['refund', 'exchange', 'repair'] as const;
const fates = ['back_to_factory', 'repair', 'stock', 'scrap'] as const;

/** The desk's case page: the 三包 answer per unit, the appraisal form, the decision and the steps after it. */
export function ReturnCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const state = useLoad(() => getCase(id), [id]);
  return (
    <article aria-labelledby="case-title">
      <Async state={state}>
        {(c) => (
          <>
            <header className="page-head">
              <h1 id="case-title">
                {t('returns.caseTitle')} · {t(`returnStatus.${c.status}`)}
              </h1>
            </header>
            {c.needsManager && <p className="muted">{t('returns.needsManager')}</p>}
            {c.lines.map((l) => {
              const a = c.appraisals.find((x) => x.lineId === l.id);
              return (
                <section key={l.id} className="card" aria-label={l.unitId}>
                  <dl>
                    <dt>{t('returns.sanbao')}</dt>
                    <dd>{pick(l.sanbao.reason)}</dd>
                    <dt>{t('returns.unitPrice')}</dt>
                    <dd>{money(l.unitPrice.amountFen, l.unitPrice.currency)}</dd>
                    <dt>{t('returns.refundable')}</dt>
                    <dd>{money(l.refundable.amountFen, l.refundable.currency)}</dd>
                    <dt>{t('returns.requested')}</dt>
                    <dd>{t(`returnDecision.${l.requested}`)}{l.override ? ` (${l.override.reason})` : ''}</dd>
                    {a && (
                      <>
                        <dt>{t('returns.responsibility')}</dt>
                        <dd>
                          {t(`responsibility.${a.responsibility}`)} · {t('returns.bearer')}: {t(`bearer.${a.bearer}`)} · {t('returns.signatures', { n: a.signatures.length, needed: a.signaturesNeeded })}
                        </dd>
                        <dt>{t('returns.findings')}</dt>
                        <dd>{a.findings}</dd>
                        <dt>{t('returns.signature')}</dt>
                        <dd className="signatures">
                          {a.signatures.map((s) =>
                            s.image ? <img key={s.signer} src={s.image} alt={`${t('returns.signature')}: ${s.signer}`} title={s.signer} style={{ maxWidth: '12rem', border: '1px solid #ccc', marginRight: '.5rem' }} /> : <span key={s.signer}>{s.signer} </span>,
                          )}
                        </dd>
                      </>
                    )}
                    {l.decision && (
                      <>
                        <dt>{t('returns.decision')}</dt>
                        <dd>
                          {t(`returnDecision.${l.decision}`)}
                          {l.refund && ` · ${money(l.refund.amountFen, l.refund.currency)}`}
                          {l.priceDifference && ` · ${t('returns.priceDifference')} ${money(l.priceDifference.amountFen, l.priceDifference.currency)}`}
                        </dd>
                      </>
                    )}
                    {l.replacementUnitId && (
                      <>
                        <dt>{t('returns.replacement')}</dt>
                        <dd>
                          <Link to={`/app/customers/${c.customerId}`}>{l.replacementUnitId}</Link>
                        </dd>
                      </>
                    )}
                    <dt>{t('returns.wayBack')}</dt>
                    <dd>
                      {t(`wayBackState.${l.wayBack}`)}
                      {l.warehouse ? ` · ${l.warehouse}` : ''}
                    </dd>
                    {l.pickupOrderId && (
                      <>
                        <dt>{t('returns.pickupOrder')}</dt>
                        <dd>
                          <Link to={`/app/orders/${l.pickupOrderId}`}>{t('returns.pickupOrder')}</Link>
                        </dd>
                      </>
                    )}
                  </dl>
                </section>
              );
            })}
            <Steps c={c} onDone={state.reload} />
            <section aria-labelledby="history-title">
              <h2 id="history-title">{t('returns.history')}</h2>
              <ol>
                {c.history.map((h) => (
                  <li key={h.id}>
                    {dateTime(h.at)} · {h.action} → {t(`returnStatus.${h.toStatus}`)} · {h.actor}
                  </li>
                ))}
              </ol>
            </section>
          </>
        )}
      </Async>
    </article>
  );
}

const refundMethods = ['bank_transfer', 'wechat_pay', 'alipay', 'card', 'cash'] as const;

/** The forms of the steps open now (the server's allowedActions). */
function Steps({ c, onDone }: { c: ReturnCaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { setError, fieldError, formError } = useFormErrors();
  const [v, setV] = useState<Record<string, string>>({});
  const set = (k: string) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));
  const pending = c.appraisals.find((a) => a.signatures.length < a.signaturesNeeded);
  const unappraised = c.lines.find((l) => !c.appraisals.some((a) => a.lineId === l.id));
  async function run(step: CaseStep, body: Record<string, unknown>) {
    try {
      await caseStep(c.id, step, { version: c.version, ...body });
      setError(null);
      setV({});
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  const form = (title: string, step: CaseStep, body: () => Record<string, unknown>, fields: ReactNode) => (
    <form
      className="card"
      aria-label={title}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void run(step, body());
      }}
    >
      {fields}
      <button type="submit" className="primary">
        {title}
      </button>
    </form>
  );
  const can = (a: string) => c.allowedActions.includes(a as never);
  return (
    <section aria-labelledby="steps-title">
      <h2 id="steps-title">{t('returns.allowed')}</h2>
      <FormError message={formError()} />
      {can('start_appraisal') && form(t('returns.startAppraisal'), 'start-appraisal', () => ({}), null)}
      {can('appraise') &&
        unappraised &&
        form(
          t('returns.appraise'),
          'appraisals',
          () => ({ lineId: unappraised.id, by: v.by ?? 'technician', findings: v.findings ?? '', responsibility: v.responsibility ?? 'product_quality', photoIds: (v.photoIds ?? '').split(',').map((s) => s.trim()).filter(Boolean), signature: v.signature || undefined }),
          <>
            <Field label={t('returns.by')}>
              {(p) => (
                <select {...p} value={v.by ?? 'technician'} onChange={set('by')}>
                  <option value="technician">{t('appraiser.technician')}</option>
                  <option value="centre">{t('appraiser.centre')}</option>
                </select>
              )}
            </Field>
            <Field label={t('returns.findings')} error={fieldError('findings')} required>
              {(p) => <textarea {...p} value={v.findings ?? ''} onChange={set('findings')} />}
            </Field>
            <Field label={t('returns.photoIds')} error={fieldError('photoIds.0')}>
              {(p) => <input {...p} value={v.photoIds ?? ''} onChange={set('photoIds')} />}
            </Field>
            <Field label={t('returns.responsibility')}>
              {(p) => (
                <select {...p} value={v.responsibility ?? 'product_quality'} onChange={set('responsibility')}>
                  {responsibilities.map((r) => (
                    <option key={r} value={r}>
                      {t(`responsibility.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <SignaturePad id="appraisal-signature" label={t('returns.signHere')} onChange={(s) => setV((o) => ({ ...o, signature: s ?? '' }))} />
          </>,
        )}
      {can('sign') && pending && form(t('returns.sign'), 'signatures', () => ({ appraisalId: pending.id, signature: v.signature || undefined }), <SignaturePad id="panel-signature" label={t('returns.signHere')} onChange={(s) => setV((o) => ({ ...o, signature: s ?? '' }))} />)}
      {can('decide') &&
        form(
          t('returns.decide'),
          'decision',
          () => ({ lines: c.lines.map((l) => ({ lineId: l.id, decision: v[`decision.${l.id}`] ?? l.decision ?? l.requested })) }),
          c.lines.map((l, i) => (
            <Field key={l.id} label={`${t('returns.decision')} ${c.lines.length > 1 ? i + 1 : ''}`} error={fieldError(`lines.${i}.decision`)}>
              {(p) => (
                <select {...p} value={v[`decision.${l.id}`] ?? l.decision ?? l.requested} onChange={set(`decision.${l.id}`)}>
                  {decisions.map((d) => (
                    <option key={d} value={d}>
                      {t(`returnDecision.${d}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )),
        )}
      {can('approve') && form(t('returns.approve'), 'approval', () => ({}), null)}
      {can('execute') &&
        form(
          t('returns.execute'),
          'execution',
          () => ({ replacements: c.lines.filter((l) => l.decision === 'exchange').map((l) => ({ lineId: l.id, serials: [{ serial: v[`serial.${l.id}`] ?? '' }] })), refundMethod: v.refundMethod || undefined, refundReference: v.refundReference || undefined }),
          <>
            {c.lines
              .filter((l) => l.decision === 'exchange')
              .map((l, i) => (
                <Field key={l.id} label={t('returns.serials')} error={fieldError(`replacements.${i}.serials`)}>
                  {(p) => <input {...p} value={v[`serial.${l.id}`] ?? ''} onChange={set(`serial.${l.id}`)} />}
                </Field>
              ))}
            {c.lines.some((l) => l.decision === 'refund') && (
              <>
                <Field label={t('returns.refundMethod')}>
                  {(p) => (
                    <select {...p} value={v.refundMethod ?? 'bank_transfer'} onChange={set('refundMethod')}>
                      {refundMethods.map((m) => (
                        <option key={m} value={m}>
                          {t(`returns.method.${m}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('returns.refundReference')} error={fieldError('refundReference')}>
                  {(p) => <input {...p} value={v.refundReference ?? ''} onChange={set('refundReference')} />}
                </Field>
              </>
            )}
          </>,
        )}
      {can('way_back') &&
        c.lines
          .filter((line) => line.decision !== 'repair')
          .map((line, n) => {
            // Each unit comes back on its own: its own pickup visit, warehouse and fate.
            const k = (name: string) => `${name}.${line.id}`;
            const unitLabel = c.lines.length > 1 ? ` (${n + 1})` : '';
            return (
              <div key={line.id} className="way-back" data-line={line.id}>
                {line.wayBack === 'with_customer' &&
                  form(`${t('returns.bookPickup')}${unitLabel}`, 'way-back', () => ({ step: 'book_pickup', lineId: line.id, from: new Date(v[k('from')] ?? '').toISOString(), to: new Date(v[k('to')] ?? '').toISOString() }), (
                    <>
                      <Field label={t('returns.pickupFrom')}>{(p) => <input {...p} type="datetime-local" value={v[k('from')] ?? ''} onChange={set(k('from'))} />}</Field>
                      <Field label={t('returns.pickupTo')}>{(p) => <input {...p} type="datetime-local" value={v[k('to')] ?? ''} onChange={set(k('to'))} />}</Field>
                    </>
                  ))}
                {(line.wayBack === 'with_customer' || line.wayBack === 'pickup_booked' || line.wayBack === 'picked_up') &&
                  form(`${t('returns.receive')}${unitLabel}`, 'way-back', () => ({ step: 'receive', lineId: line.id, warehouse: v[k('warehouse')] ?? '' }), (
                    <Field label={t('returns.warehouse')} error={fieldError('warehouse')} required>
                      {(p) => <input {...p} value={v[k('warehouse')] ?? ''} onChange={set(k('warehouse'))} />}
                    </Field>
                  ))}
                {line.wayBack === 'received' &&
                  form(`${t('returns.setFate')}${unitLabel}`, 'way-back', () => ({ step: 'fate', lineId: line.id, fate: v[k('fate')] ?? 'stock' }), (
                    <Field label={t('returns.fate')}>
                      {(p) => (
                        <select {...p} value={v[k('fate')] ?? 'stock'} onChange={set(k('fate'))}>
                          {fates.map((f) => (
                            <option key={f} value={f}>
                              {t(`wayBackState.${f}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  ))}
              </div>
            );
          })}
      {can('close') && form(t('returns.close'), 'close', () => ({}), null)}
      {can('reject') &&
        form(t('returns.reject'), 'reject', () => ({ reason: v.reason ?? '' }), (
          <Field label={t('returns.rejectReason')} error={fieldError('reason')}>
            {(p) => <input {...p} value={v.reason ?? ''} onChange={set('reason')} />}
          </Field>
        ))}
    </section>
  );
}
