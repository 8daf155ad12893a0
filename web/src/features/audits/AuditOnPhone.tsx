import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Async, Field, FormError, useLoad } from '../../shared/ui';
import { pick } from '../../shared/format';
import { useSubmit } from '../../shared/submit';
import { uploadPhoto } from '../work-orders/api';
import { listTemplates, performAudit, type AuditDetail, type Finding, type Item, type Template } from './api';

type Kind = 'on_site' | 'mystery_shopper' | 'self_assessment';
type Choice = 'pass' | 'fail' | 'na';

/**
 * A supervisor's audit on a phone: one checklist item under the other, each answered with a big
 * button (pass, fail, not applicable), a measured value typed, a photo taken; the score, stars and
 * the corrective actions it opened shown when sent. `?orderId=` audits that visit.
 */
export function AuditOnPhonePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const state = useLoad(() => listTemplates(), []);
  const [done, setDone] = useState<AuditDetail | null>(null);
  return (
    <article aria-labelledby="audit-phone-title" className="audit-phone">
      <header className="page-head">
        <h1 id="audit-phone-title">{t('audits.performTitle')}</h1>
      </header>
      {done ? (
        <AuditResult audit={done} onAgain={() => setDone(null)} />
      ) : (
        <Async state={state}>{(r) => <AuditForm templates={r.items} orderId={params.get('orderId') ?? ''} onDone={setDone} />}</Async>
      )}
    </article>
  );
}

function AuditForm({ templates, orderId: initialOrder, onDone }: { templates: Template[]; orderId: string; onDone: (a: AuditDetail) => void }) {
  const { t } = useTranslation();
  const [templateId, setTemplateId] = useState(templates.find((x) => x.code === 'HOME-VISIT')?.id ?? templates[0]?.id ?? '');
  const [kind, setKind] = useState<Kind>('on_site');
  const [orderId, setOrderId] = useState(initialOrder);
  const [providerId, setProviderId] = useState('');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [values, setValues] = useState<Record<string, string>>({});
  const [photos, setPhotos] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const template = templates.find((x) => x.id === templateId);
  const items = template?.content.sections.flatMap((s) => s.items) ?? [];
  const findings = (): Finding[] =>
    items.map((i) =>
      i.evidence === 'measured' && choices[i.code] !== 'na'
        ? { itemCode: i.code, ...(values[i.code] ? { value: Number(values[i.code]) } : {}) }
        : { itemCode: i.code, ...(choices[i.code] ? { result: choices[i.code] } : {}), ...(photos[i.code] ? { photoId: photos[i.code] } : {}) },
    );
  const { busy, submit, fieldError, formError } = useSubmit(async () => {
    const made = await performAudit({ templateId, kind, ...(orderId.trim() ? { orderId: orderId.trim() } : {}), ...(providerId.trim() ? { providerId: providerId.trim() } : {}), findings: findings(), ...(note.trim() ? { note: note.trim() } : {}) });
    onDone(made);
  }, () => undefined);
  const itemError = (code: string) => {
    const i = items.findIndex((x) => x.code === code);
    return fieldError(`findings.${i}`) ?? fieldError(`findings.${i}.value`);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('audits.performTitle')}>
      <Field label={t('audits.template')} required>
        {(p) => (
          <select {...p} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((x) => (
              <option key={x.id} value={x.id}>
                {pick({ zh: x.nameZh, en: x.nameEn })} · v{x.version}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audits.kind')} required>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['on_site', 'mystery_shopper', 'self_assessment'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`auditKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audits.orderId')} hint={t('audits.orderIdHint')} error={fieldError('orderId') ?? fieldError('technicianId')}>
        {(p) => <input {...p} value={orderId} onChange={(e) => setOrderId(e.target.value)} />}
      </Field>
      <Field label={t('audits.providerId')} error={fieldError('providerId')}>
        {(p) => <input {...p} value={providerId} onChange={(e) => setProviderId(e.target.value)} />}
      </Field>
      {template?.content.sections.map((s) => (
        <section key={s.code} className="card" aria-label={pick({ zh: s.nameZh, en: s.nameEn })}>
          <h2>{pick({ zh: s.nameZh, en: s.nameEn })}</h2>
          {s.items.map((i) => (
            <ItemInput
              key={i.code}
              item={i}
              orderId={orderId.trim()}
              choice={choices[i.code]}
              value={values[i.code] ?? ''}
              photoId={photos[i.code]}
              error={itemError(i.code)}
              onChoice={(c) => setChoices({ ...choices, [i.code]: c })}
              onValue={(v) => setValues({ ...values, [i.code]: v })}
              onPhoto={(id) => setPhotos({ ...photos, [i.code]: id })}
            />
          ))}
        </section>
      ))}
      <Field label={t('audits.note')}>
        {(p) => <textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <FormError message={fieldError('findings') ?? formError()} />
      <div className="action-bar">
        <button type="submit" disabled={busy}>
          {t('audits.send')}
        </button>
      </div>
    </form>
  );
}

function ItemInput(p: { item: Item; orderId: string; choice: Choice | undefined; value: string; photoId: string | undefined; error: string | undefined; onChoice: (c: Choice) => void; onValue: (v: string) => void; onPhoto: (id: string) => void }) {
  const { t } = useTranslation();
  const { item } = p;
  const [uploading, setUploading] = useState(false);
  const name = `item-${item.code}`;
  const text = pick({ zh: item.textZh, en: item.textEn });
  const criteria = item.criteriaZh || item.criteriaEn ? pick({ zh: item.criteriaZh ?? '', en: item.criteriaEn ?? '' }) : null;
  return (
    <fieldset className={`audit-item${p.error ? ' has-error' : ''}`} aria-describedby={p.error ? `${name}-error` : undefined}>
      <legend>
        {text} <span className="muted">({t('audits.points', { n: item.weight })}{item.critical ? ` · ${t('audits.critical')}` : ''})</span>
      </legend>
      {criteria && <p className="hint">{criteria}</p>}
      {item.evidence === 'measured' ? (
        <Field label={t('audits.measured', { target: item.target, tolerance: item.tolerance, unit: item.unit ?? '' })}>
          {(f) => <input {...f} inputMode="decimal" value={p.value} onChange={(e) => p.onValue(e.target.value)} />}
        </Field>
      ) : (
        <div className="touch-choices" role="radiogroup" aria-label={text}>
          {(['pass', 'fail', 'na'] as const).map((c) => (
            <label key={c} className={`touch-choice choice-${c}${p.choice === c ? ' chosen' : ''}`}>
              <input type="radio" name={name} value={c} checked={p.choice === c} onChange={() => p.onChoice(c)} />
              {t(`auditResult.${c}`)}
            </label>
          ))}
        </div>
      )}
      {item.evidence === 'photo' && (
        <label className="button camera">
          {p.photoId ? t('audits.photoTaken') : uploading ? t('audits.photoUploading') : t('audits.takePhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="visually-hidden"
            disabled={!p.orderId || uploading}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file || !p.orderId) return;
              setUploading(true);
              void uploadPhoto(p.orderId, 'site', file)
                .then((ph) => p.onPhoto(ph.id))
                .finally(() => setUploading(false));
            }}
          />
        </label>
      )}
      {p.error && (
        <small id={`${name}-error`} className="field-error" role="alert">
          {p.error}
        </small>
      )}
    </fieldset>
  );
}

function AuditResult({ audit, onAgain }: { audit: AuditDetail; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="audit-result-title">
      <h2 id="audit-result-title">{t('audits.result')}</h2>
      <p className="audit-score" data-testid="audit-score">
        {audit.score === null ? '—' : t('audits.scoreOf', { score: audit.score })} · {audit.passed ? t('audits.passed') : t('audits.failed')} · {t('audits.stars', { n: audit.stars })}
      </p>
      {audit.actions.length > 0 && (
        <>
          <h3>{t('audits.actionsOpened')}</h3>
          <ul>
            {audit.actions.map((a) => (
              <li key={a.id}>
                {pick({ zh: a.itemTextZh, en: a.itemTextEn })}
              </li>
            ))}
          </ul>
          <Link to="/app/corrective-actions">{t('audits.navActions')}</Link>
        </>
      )}
      <div className="action-bar">
        <button type="button" onClick={onAgain}>
          {t('audits.again')}
        </button>
      </div>
    </section>
  );
}
