import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, FormError, errorText, useLoad } from '../../shared/ui';
import { dateTime, named } from '../../shared/format';
import { listPhotos, photoUrl, uploadPhoto, type Order } from '../work-orders/api';
import { orderEvidence } from './api';

const fieldStatuses = new Set(['booked', 'on_site']);

/**
 * The order's evidence: on site, what completion still needs and a camera button per photo the
 * rule asks for; for everyone, the photos (open full size) and, for staff, the flags.
 */
export function OrderEvidence({ order, canTakePhotos, onChange }: { order: Order; canTakePhotos: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [evidence, photos] = await Promise.all([orderEvidence(order.id), listPhotos(order.id)]);
    return { evidence, photos: photos.items };
  }, [order.id, order.version]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [kept, setKept] = useState(false);
  const inField = fieldStatuses.has(order.status);

  async function take(kind: string, e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(kind);
    setError(null);
    setKept(false);
    try {
      await uploadPhoto(order.id, kind, file);
      setKept(true);
      state.reload();
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card evidence" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('evidence.title')}</h2>
      <Async state={state}>
        {({ evidence, photos }) => {
          const missingPhotos = new Set(evidence.missing.filter((m) => m.what === 'photo').map((m) => m.path.slice('photos.'.length)));
          // Missing ones first, then the rule's others, then a photo of anything else.
          const kinds = [...evidence.rule.photos.filter((k) => missingPhotos.has(k)), ...evidence.rule.photos.filter((k) => !missingPhotos.has(k)), 'other'];
          return (
            <>
              {inField && (
                <div className="evidence-missing">
                  <h3>{t('evidence.missingTitle')}</h3>
                  {evidence.missing.length === 0 ? (
                    <p className="muted">{t('evidence.complete')}</p>
                  ) : (
                    <ul>
                      {evidence.missing.map((m) => (
                        <li key={m.path}>{named({ nameZh: m.zh, nameEn: m.en })}</li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
              {inField && canTakePhotos && (
                <div className="camera-buttons">
                  {kinds.map((kind) => {
                    const what = t(`photoKind.${kind}`);
                    return (
                      <label key={kind} className={`button camera${missingPhotos.has(kind) ? ' primary' : ''}`}>
                        {kind === 'other' ? t('evidence.takeOther') : t('evidence.take', { what })}
                        <input className="visually-hidden" type="file" accept="image/*" capture="environment" aria-label={t('evidence.take', { what })} disabled={busy !== null} onChange={(e) => take(kind, e)} />
                      </label>
                    );
                  })}
                  <p role="status" aria-live="polite" className="muted">
                    {busy ? t('evidence.uploading') : kept ? t('evidence.uploaded') : ''}
                  </p>
                  <FormError message={error ? errorText(error, t) : undefined} />
                </div>
              )}
              <h3>{t('evidence.photos')}</h3>
              {photos.length === 0 ? (
                <p className="muted">{t('evidence.noPhotos')}</p>
              ) : (
                <ul className="photo-grid">
                  {photos.map((p) => {
                    const what = t(`photoKind.${p.kind}`, { defaultValue: p.kind });
                    return (
                      <li key={p.id}>
                        <a href={photoUrl(p.id)} target="_blank" rel="noreferrer" aria-label={t('evidence.open', { what })}>
                          <img src={photoUrl(p.id)} alt={what} loading="lazy" />
                        </a>
                        <span>{what}</span>
                        <small className="muted">{dateTime(p.uploadedAt)}</small>
                      </li>
                    );
                  })}
                </ul>
              )}
              {order.readings && Object.keys(order.readings).length > 0 && (
                <>
                  <h3>{t('evidence.readings')}</h3>
                  <dl>
                    {Object.entries(order.readings).map(([code, value]) => {
                      const r = evidence.rule.readings.find((x) => x.code === code);
                      return (
                        <div key={code}>
                          <dt>{r ? named(r) : code}</dt>
                          <dd>
                            {value} {r?.unit}
                          </dd>
                        </div>
                      );
                    })}
                  </dl>
                </>
              )}
              {order.replacement && (
                <p>
                  {t('evidence.replacement')}: {t(`replacementKind.${order.replacement}`)}
                </p>
              )}
              {evidence.flags.length > 0 && (
                <>
                  <h3>{t('evidence.flags')}</h3>
                  <ul className="flags">
                    {evidence.flags.map((f) => (
                      <li key={f.id} className="flag">
                        {named({ nameZh: f.zh, nameEn: f.en })} <small className="muted">{dateTime(f.at)}</small>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
