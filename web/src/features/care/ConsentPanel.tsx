import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { consentsOf, updateConsents, type Consents } from './api';

/** On the customer page: consent by channel and purpose with its source and evidence, editable with new evidence (care.consent). */
export function ConsentPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(() => consentsOf(customerId), [customerId]);
  if (!can('care.read')) return null;
  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('care.consentTitle')}</h2>
      <Async state={state}>{(c) => <ConsentForm key={c.history.length} c={c} editable={can('care.consent')} onDone={state.reload} />}</Async>
    </section>
  );
}

function ConsentForm({ c, editable, onDone }: { c: Consents; editable: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [granted, setGranted] = useState<Record<string, boolean>>(Object.fromEntries(c.items.map((i) => [`${i.channel}:${i.purpose}`, i.granted])));
  const [evidence, setEvidence] = useState('');
  const changes = c.items.filter((i) => granted[`${i.channel}:${i.purpose}`] !== i.granted).map((i) => ({ channel: i.channel, purpose: i.purpose, granted: granted[`${i.channel}:${i.purpose}`] }));
  const { busy, submit, fieldError, formError } = useSubmit(() => updateConsents(c.customerId, { changes, source: 'console', evidence }), onDone);
  const purposes = ['service', 'marketing', 'survey'] as const;
  const channels = ['sms', 'email', 'wechat', 'inbox'] as const;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <table>
        <thead>
          <tr>
            <th>{t('care.channel')}</th>
            {purposes.map((p) => (
              <th key={p}>{t(`carePurpose.${p}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {channels.map((ch) => (
            <tr key={ch}>
              <td>{t(`careChannel.${ch}`)}</td>
              {purposes.map((p) => {
                const item = c.items.find((i) => i.channel === ch && i.purpose === p)!;
                return (
                  <td key={p} title={item.evidence ?? t('care.implicit')}>
                    <input type="checkbox" aria-label={`${t(`careChannel.${ch}`)} ${t(`carePurpose.${p}`)}`} checked={granted[`${ch}:${p}`]} disabled={!editable} onChange={(e) => setGranted({ ...granted, [`${ch}:${p}`]: e.target.checked })} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <>
          <Field label={t('care.evidence')} hint={t('care.evidenceHint')} error={fieldError('evidence') ?? fieldError('changes')} required>
            {(p) => <input {...p} value={evidence} onChange={(e) => setEvidence(e.target.value)} />}
          </Field>
          <FormError message={formError()} />
          <button type="submit" disabled={busy || changes.length === 0}>
            {t('care.saveConsent')}
          </button>
        </>
      )}
      <h3>{t('care.consentHistory')}</h3>
      <ul>
        {c.history.map((h, i) => (
          <li key={i}>
            {dateTime(h.at)} · {t(`careChannel.${h.channel}`)} · {t(`carePurpose.${h.purpose}`)} · {h.granted ? t('care.granted') : t('care.refused')} · {t(`careSource.${h.source}`)} · {h.evidence}
          </li>
        ))}
      </ul>
    </form>
  );
}
