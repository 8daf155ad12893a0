import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime, money, pick } from '../../shared/format';
import { useSubmit } from '../../shared/submit';
import { answerComplaint, categories, fileComplaint, myComplaints, type Category } from './api';

/** On the customer's order page: complain about the order, and follow each complaint in plain words; accept or reject a resolution. */
export function PortalComplaints({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<Category>('service_attitude');
  const [text, setText] = useState('');
  const [writing, setWriting] = useState(false);
  const state = useLoad(async () => (await myComplaints()).items.filter((c) => c.orderIds.includes(orderId)), [orderId]);
  const { busy, submit, fieldError, formError } = useSubmit(
    () => fileComplaint({ category, text, orderIds: [orderId] }),
    () => {
      setText('');
      setWriting(false);
      state.reload();
    },
  );
  return (
    <section className="card" aria-labelledby={`complaints-${orderId}`}>
      <h2 id={`complaints-${orderId}`}>{t('complaints.portalTitle')}</h2>
      <Async state={state}>
        {(items) =>
          items.length === 0 ? (
            <Empty>{t('complaints.portalNone')}</Empty>
          ) : (
            <ul className="complaints">
              {items.map((c) => (
                <li key={c.id}>
                  <strong>{c.number}</strong> · {pick({ zh: c.categoryZh, en: c.categoryEn })} · {dateTime(c.filedAt)}
                  <p>{pick({ zh: c.progressZh, en: c.progressEn })}</p>
                  {c.answerBy && <p>{t('complaints.answerBy', { when: dateTime(c.answerBy) })}</p>}
                  {c.resolution && <p>{t('complaints.resolution')}: {c.resolution}</p>}
                  {c.compensations.map((k, i) => (
                    <p key={i}>{pick({ zh: k.kindZh, en: k.kindEn })}{k.amount && ` ${money(k.amount.amountFen, k.amount.currency)}`}</p>
                  ))}
                  {c.canAnswer && (
                    <p>
                      <button type="button" onClick={() => void answerComplaint(c.id, c.version, true).then(state.reload)}>{t('complaints.accept')}</button>{' '}
                      <button type="button" onClick={() => void answerComplaint(c.id, c.version, false).then(state.reload)}>{t('complaints.reject')}</button>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {writing ? (
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('complaints.portalFile')}>
          <Field label={t('complaints.category')} required>
            {(p) => (
              <select {...p} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
                {categories.map((c) => <option key={c} value={c}>{t(`complaintCategory.${c}`)}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('complaints.portalWords')} error={fieldError('text')} required>
            {(p) => <textarea {...p} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <FormError message={formError()} />
          <button type="submit" className="primary" disabled={busy}>{t('complaints.portalSend')}</button>
        </form>
      ) : (
        <button type="button" onClick={() => setWriting(true)}>{t('complaints.portalFile')}</button>
      )}
    </section>
  );
}
