import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Dialog, Empty, Field, FormError, useFormErrors, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { dateTime, money, named, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import { EvidenceThumbs } from './EvidenceThumbs';
import { addDisputeEvidence, disputableFees, listDisputes, myDisputes, raiseDispute, reasons, withdrawDispute, type DisputableFees, type DisputeReason } from './api';

type Line = DisputableFees['items'][number];
type Row = { id: string; line: string; reason: string; text: string; status: string; disputed: string; answerBy: string; refund: string | null; refunded: string | null; answer: string | null; version: number; mine: boolean; evidence: string[] };

/**
 * Below an order's charges: a dispute button on each charge one may dispute, and the disputes of the
 * order. `portal`: the customer's own, in plain words; otherwise the provider's or the desk's view.
 */
export function FeeDisputes({ orderId, portal = false }: { orderId: string; portal?: boolean }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const mayRaise = portal || can('disputes.raise');
  const mayRead = portal || can('disputes.read');
  const [raising, setRaising] = useState<Line | null>(null);
  const upload = useFormErrors();
  const state = useLoad(async () => {
    const lines = mayRaise ? (await disputableFees(orderId)).items : [];
    const rows: Row[] = portal
      ? (await myDisputes(orderId)).items.map((d) => ({ id: d.id, line: pick({ zh: d.lineZh, en: d.lineEn }), reason: pick({ zh: d.reasonZh, en: d.reasonEn }), text: d.text, status: pick({ zh: d.statusZh, en: d.statusEn }), disputed: money(d.disputed.amountFen, d.disputed.currency), answerBy: d.answerBy, refund: d.refund && money(d.refund.amountFen, d.refund.currency), refunded: d.refunded.amountFen > 0 ? money(d.refunded.amountFen, d.refunded.currency) : null, answer: d.answer, version: d.version, mine: d.status === 'open', evidence: d.evidence.map((e) => e.id) }))
      : mayRead
        ? (await listDisputes({ orderId })).items.map((d) => ({ id: d.id, line: named(d.line), reason: t(`disputeReason.${d.reason}`), text: d.text, status: t(`disputeStatus.${d.status}`), disputed: money(d.disputed.amountFen, d.disputed.currency), answerBy: d.dueAt, refund: d.credit && d.credit.amountFen > 0 ? money(d.credit.amountFen, d.credit.currency) : null, refunded: d.refunded.amountFen > 0 ? money(d.refunded.amountFen, d.refunded.currency) : null, answer: d.outcomeReason, version: d.version, mine: false, evidence: d.evidence.map((e) => e.id) }))
        : [];
    return { lines, rows };
  }, [orderId]);
  if (!mayRaise && !mayRead) return null;
  return (
    <section className="card" aria-labelledby={`disputes-${orderId}`}>
      <h2 id={`disputes-${orderId}`}>{t('disputes.cardTitle')}</h2>
      <Async state={state}>
        {({ lines, rows }) => (
          <>
            {lines.length > 0 && (
              <ul className="fee-lines">
                {lines.map((l) => (
                  <li key={l.lineId}>
                    <strong>{named(l)}</strong> {money(l.amountFen, l.currency)}
                    {l.openDisputeId ? (
                      <span className="badge">{t('disputes.open')}</span>
                    ) : (
                      l.disputableFen > 0 && (
                        <button type="button" onClick={() => setRaising(l)}>
                          {t('disputes.disputeOf', { item: named(l) })}
                        </button>
                      )
                    )}
                  </li>
                ))}
              </ul>
            )}
            {rows.length === 0 ? (
              <Empty>{t('disputes.none')}</Empty>
            ) : (
              <ul className="disputes">
                {rows.map((d) => (
                  <li key={d.id}>
                    <strong>{d.line}</strong> · {d.reason} · {d.disputed} · <span className="badge">{d.status}</span>
                    <div className="muted">{d.text}</div>
                    {d.answer ? (
                      <div>
                        {t('disputes.answer')}: {d.answer} {d.refund && <strong>{t('disputes.refund', { amount: d.refund })}</strong>} {d.refunded && <span className="badge mark-kept">{t('disputes.refundedSoFar', { amount: d.refunded })}</span>}
                      </div>
                    ) : (
                      <div className="muted">{t('disputes.answerBy', { when: dateTime(d.answerBy) })}</div>
                    )}
                    {d.evidence.length > 0 && (
                      <div>
                        <EvidenceThumbs disputeId={d.id} ids={d.evidence} alt={t(portal ? 'disputes.yourPhoto' : 'disputes.customerEvidence')} />
                      </div>
                    )}
                    {portal && d.mine && (
                      <div className="action-bar">
                        <label className="file-button">
                          {t('disputes.addPhoto')}
                          <input type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => { const file = e.target.files?.[0]; if (file) { upload.setError(null); void addDisputeEvidence(d.id, file).then(state.reload, upload.setError); } }} />
                        </label>
                        <button type="button" onClick={() => void withdrawDispute(d.id, d.version).then(state.reload)}>
                          {t('disputes.withdraw')}
                        </button>
                        <FormError message={upload.formError()} />
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {raising && (
              <RaiseDialog
                orderId={orderId}
                line={raising}
                onClose={() => setRaising(null)}
                onDone={() => {
                  setRaising(null);
                  state.reload();
                }}
              />
            )}
          </>
        )}
      </Async>
    </section>
  );
}

function RaiseDialog({ orderId, line, onClose, onDone }: { orderId: string; line: Line; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<DisputeReason>('excessive_labour');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState('');
  const photoIds = () => photos.split(',').map((p) => p.trim()).filter(Boolean);
  const { busy, submit, fieldError, formError } = useSubmit(() => raiseDispute(orderId, { lineId: line.lineId, reason, text, photoIds: photoIds() }), onDone);
  return (
    <Dialog title={t('disputes.raiseTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>
          {t('disputes.line')}: <strong>{named(line)}</strong> · {t('disputes.left', { amount: money(line.disputableFen, line.currency) })}
        </p>
        <Field label={t('disputes.reason')} error={fieldError('reason')} required>
          {(p) => (
            <select {...p} value={reason} onChange={(e) => setReason(e.target.value as DisputeReason)}>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {t(`disputeReason.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('disputes.text')} error={fieldError('text')} required>
          {(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Field label={t('disputes.photoIds')} error={fieldError('photoIds.0') ?? fieldError('photoIds')}>
          {(p) => <input {...p} value={photos} onChange={(e) => setPhotos(e.target.value)} />}
        </Field>
        <FormError message={fieldError('lineId') ?? formError()} />
        <div className="action-bar">
          <button type="submit" className="primary" disabled={busy}>
            {t('disputes.send')}
          </button>
          <button type="button" onClick={onClose}>
            {t('disputes.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
