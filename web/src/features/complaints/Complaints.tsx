import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { useSubmit } from '../../shared/submit';
import { dateTime, money, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import {
  actionKinds,
  categories,
  compensationKinds,
  complaintStep,
  contactChannels,
  fileComplaint,
  getComplaint,
  isShared,
  levels,
  listComplaints,
  rootCauses,
  severities,
  sources,
  type ComplaintDetail,
  type SharedComplaint,
} from './api';

/** The complaint workbench: open complaints by rung (highest first) and clock; overdue marked. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [status, setStatus] = useState('open');
  const [level, setLevel] = useState('');
  const [offset, setOffset] = useState(0);
  const [filing, setFiling] = useState(false);
  const state = useLoad(() => listComplaints({ status: status || undefined, level: level || undefined, offset }), [status, level, offset]);
  return (
    <article aria-labelledby="complaints-title">
      <header className="page-head">
        <h1 id="complaints-title">{t('complaints.title')}</h1>
        {can('complaints.handle') && (
          <button type="button" onClick={() => setFiling((f) => !f)} aria-expanded={filing}>
            {t('complaints.file')}
          </button>
        )}
      </header>
      <p className="muted">{t('complaints.intro')}</p>
      {filing && <FileForm onDone={() => { setFiling(false); state.reload(); }} />}
      <div className="filters">
        <Field label={t('complaints.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
              <option value="">{t('complaints.any')}</option>
              {(['open', 'resolved', 'closed'] as const).map((s) => (
                <option key={s} value={s}>{t(`complaintStatus.${s}`)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('complaints.level')}>
          {(p) => (
            <select {...p} value={level} onChange={(e) => { setLevel(e.target.value); setOffset(0); }}>
              <option value="">{t('complaints.any')}</option>
              {levels.map((l) => (
                <option key={l} value={l}>{t(`complaintLevel.${l}`)}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Async state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('complaints.none')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('complaints.number')}</th>
                      <th scope="col">{t('complaints.category')}</th>
                      <th scope="col">{t('complaints.severity')}</th>
                      <th scope="col">{t('complaints.level')}</th>
                      <th scope="col">{t('complaints.status')}</th>
                      <th scope="col">{t('complaints.due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((c) =>
                      isShared(c) ? (
                        <tr key={c.id}>
                          <td><Link to={`/app/complaints/${c.id}`}>{c.number}</Link></td>
                          <td>{t(`complaintCategory.${c.category}`)}</td>
                          <td colSpan={2}>{t('complaints.sharedWithYou')}</td>
                          <td>{t(`complaintStatus.${c.status}`)}</td>
                          <td />
                        </tr>
                      ) : (
                        <tr key={c.id} className={c.overdue ? 'overdue' : undefined}>
                          <td><Link to={`/app/complaints/${c.id}`}>{c.number}</Link></td>
                          <td>{t(`complaintCategory.${c.category}`)}</td>
                          <td>{t(`complaintSeverity.${c.severity}`)}</td>
                          <td>{t(`complaintLevel.${c.level}`)}</td>
                          <td>{t(`complaintStatus.${c.status}`)}</td>
                          <td>
                            {dateTime(c.dueAt)} {c.overdue && <span className="badge warn">{t('complaints.overdue')}</span>}
                          </td>
                        </tr>
                      ),
                    )}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={page.limit} offset={page.offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
    </article>
  );
}

function FileForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ source: 'phone', category: 'service_attitude', severity: 'normal', orderIds: '', text: '' });
  const body = () => ({ source: v.source, category: v.category, severity: v.severity, orderIds: v.orderIds.split(',').map((s) => s.trim()).filter(Boolean), text: v.text }) as never;
  const { submit, busy, fieldError, formError } = useSubmit(() => fileComplaint(body()), onDone);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label={t('complaints.file')}>
      <Field label={t('complaints.source')} required>{(p) => <select {...p} value={v.source} onChange={set('source')}>{sources.map((s) => <option key={s} value={s}>{t(`complaintSource.${s}`)}</option>)}</select>}</Field>
      <Field label={t('complaints.category')} required>{(p) => <select {...p} value={v.category} onChange={set('category')}>{categories.map((s) => <option key={s} value={s}>{t(`complaintCategory.${s}`)}</option>)}</select>}</Field>
      <Field label={t('complaints.severity')} required>{(p) => <select {...p} value={v.severity} onChange={set('severity')}>{severities.map((s) => <option key={s} value={s}>{t(`complaintSeverity.${s}`)}</option>)}</select>}</Field>
      <Field label={t('complaints.orderIds')} hint={t('complaints.orderIdsHint')} error={fieldError('orderIds') ?? fieldError('orderIds.0')}>{(p) => <input {...p} value={v.orderIds} onChange={set('orderIds')} />}</Field>
      <Field label={t('complaints.words')} error={fieldError('text')} required>{(p) => <textarea {...p} value={v.text} onChange={set('text')} />}</Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>{t('complaints.fileSubmit')}</button>
    </form>
  );
}

/** One complaint: the ladder and its clock, the customer's words, the log, the steps a handler may take, the history. */
export function ComplaintPage() {
  const { id = '' } = useParams();
  const state = useLoad(() => getComplaint(id), [id]);
  return <Async state={state}>{(c) => (isShared(c) ? <SharedPage c={c} /> : <Workbench c={c} reload={state.reload} />)}</Async>;
}

function SharedPage({ c }: { c: SharedComplaint }) {
  const { t } = useTranslation();
  return (
    <article aria-labelledby="complaint-title">
      <h1 id="complaint-title">{t('complaints.titleOf', { number: c.number })}</h1>
      <p>{t(`complaintCategory.${c.category}`)} · {t(`complaintStatus.${c.status}`)}</p>
      <section className="card" aria-label={t('complaints.sharedText')}>
        <h2>{t('complaints.sharedText')}</h2>
        <blockquote>{c.sharedText}</blockquote>
      </section>
    </article>
  );
}

/** `payment`: part of how a refund is paid back (sent only with a refund). */
type Spec = { name: string; label: string; kind: 'text' | 'textarea' | 'select' | 'yuan'; options?: { value: string; label: string }[]; required?: boolean; payment?: boolean };
const refundMethods = ['cash', 'wechat_pay', 'alipay', 'bank_transfer', 'card'] as const;

function Workbench({ c, reload }: { c: ComplaintDetail; reload: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const open = c.status === 'open';
  const live = c.status !== 'closed';
  const opts = (values: readonly string[], ns: string) => values.map((v) => ({ value: v, label: t(`${ns}.${v}`) }));
  const handle = can('complaints.handle');
  return (
    <article aria-labelledby="complaint-title">
      <header className="page-head">
        <h1 id="complaint-title">{t('complaints.titleOf', { number: c.number })}</h1>
      </header>
      <section className="card" aria-label={t('complaints.summary')}>
        <dl className="facts">
          <dt>{t('complaints.status')}</dt>
          <dd>{t(`complaintStatus.${c.status}`)}</dd>
          <dt>{t('complaints.level')}</dt>
          <dd data-testid="complaint-level">{t(`complaintLevel.${c.level}`)}</dd>
          <dt>{t('complaints.severity')}</dt>
          <dd>{t(`complaintSeverity.${c.severity}`)}</dd>
          <dt>{t('complaints.category')}</dt>
          <dd>{t(`complaintCategory.${c.category}`)}</dd>
          <dt>{t('complaints.source')}</dt>
          <dd>{t(`complaintSource.${c.source}`)}</dd>
          <dt>{t('complaints.due')}</dt>
          <dd>
            {c.dueAt ? dateTime(c.dueAt) : t('complaints.clockStopped')} {c.overdue && <span className="badge warn">{t('complaints.overdue')}</span>}
          </dd>
          {c.repeatOfId && (
            <>
              <dt>{t('complaints.repeat')}</dt>
              <dd><Link to={`/app/complaints/${c.repeatOfId}`}>{t('complaints.repeatOf')}</Link></dd>
            </>
          )}
          <dt>{t('complaints.orders')}</dt>
          <dd>{c.orderIds.length ? c.orderIds.map((o, i) => <Link key={o} to={`/app/orders/${o}`}>{t('complaints.orderN', { n: i + 1 })} </Link>) : '—'}</dd>
        </dl>
        <h2>{t('complaints.words')}</h2>
        <blockquote>{c.text}</blockquote>
        {c.resolution && (
          <p>
            {t('complaints.resolution')}: {c.resolution} · {t('complaints.rootCause')}: {c.rootCause && t(`complaintRootCause.${c.rootCause}`)}
            {c.customerAnswer && ` · ${t(`complaintAnswer.${c.customerAnswer}`)}`}
          </p>
        )}
        {c.sharedText && <p>{t('complaints.sharedText')}: {c.sharedText}</p>}
      </section>
      <section className="card" aria-label={t('complaints.ladder')}>
        <h2>{t('complaints.ladder')}</h2>
        <ol className="ladder">
          {c.ladder.map((r) => (
            <li key={r.level} aria-current={r.level === c.level ? 'step' : undefined}>
              {r.level === c.level ? <strong>{pick({ zh: r.nameZh, en: r.nameEn })}</strong> : pick({ zh: r.nameZh, en: r.nameEn })} · {t('complaints.target', { hours: Math.round(((r.targetMinutes[c.severity] ?? 0) / 60) * 10) / 10 })}
            </li>
          ))}
        </ol>
      </section>
      {handle && live && (
        <section className="card" aria-label={t('complaints.steps')}>
          <h2>{t('complaints.steps')}</h2>
          <div className="step-forms">
            {open && <Step c={c} step="escalate" title={t('complaints.escalate')} reload={reload} withVersion fields={[{ name: 'cause', label: t('complaints.cause'), kind: 'select', options: opts(['staff', 'customer_request'], 'complaintCause'), required: true }, { name: 'reason', label: t('complaints.reason'), kind: 'text', required: true }]} />}
            {open && can('complaints.deescalate') && <Step c={c} step="deescalate" title={t('complaints.deescalate')} reload={reload} withVersion fields={[{ name: 'reason', label: t('complaints.reason'), kind: 'text', required: true }]} />}
            {open && <Step c={c} step="severity" title={t('complaints.changeSeverity')} reload={reload} withVersion fields={[{ name: 'severity', label: t('complaints.severity'), kind: 'select', options: opts(severities, 'complaintSeverity'), required: true }, { name: 'reason', label: t('complaints.reason'), kind: 'text', required: true }]} />}
            <Step c={c} step="contacts" title={t('complaints.addContact')} reload={reload} fields={[{ name: 'channel', label: t('complaints.channel'), kind: 'select', options: opts(contactChannels, 'complaintChannel'), required: true }, { name: 'direction', label: t('complaints.direction'), kind: 'select', options: opts(['out', 'in'], 'complaintDirection'), required: true }, { name: 'summary', label: t('complaints.summaryText'), kind: 'textarea', required: true }]} />
            <Step c={c} step="actions" title={t('complaints.addAction')} reload={reload} fields={[{ name: 'kind', label: t('complaints.actionKind'), kind: 'select', options: opts(actionKinds, 'complaintAction'), required: true }, { name: 'text', label: t('complaints.actionText'), kind: 'textarea', required: true }, { name: 'visit', label: t('complaints.visitSymptom'), kind: 'text' }]} />
            {can('complaints.compensate') && <Step c={c} step="compensations" title={t('complaints.addCompensation')} reload={reload} fields={[{ name: 'kind', label: t('complaints.compensationKind'), kind: 'select', options: opts(compensationKinds, 'complaintCompensation'), required: true }, { name: 'amount', label: t('complaints.amount'), kind: 'yuan' }, { name: 'method', label: t('complaints.refundMethod'), kind: 'select', options: refundMethods.map((m) => ({ value: m, label: t(`money.method.${m}`) })), payment: true }, { name: 'reference', label: t('complaints.refundReference'), kind: 'text', payment: true }, { name: 'note', label: t('complaints.note'), kind: 'text', required: true }]} />}
            {open && <Step c={c} step="resolve" title={t('complaints.resolve')} reload={reload} withVersion fields={[{ name: 'rootCause', label: t('complaints.rootCause'), kind: 'select', options: opts(rootCauses, 'complaintRootCause'), required: true }, { name: 'resolution', label: t('complaints.resolution'), kind: 'textarea', required: true }]} />}
            {c.status === 'resolved' && <Step c={c} step="answer" title={t('complaints.recordAnswer')} reload={reload} withVersion fields={[{ name: 'accepted', label: t('complaints.answer'), kind: 'select', options: opts(['accepted', 'rejected'], 'complaintAnswer'), required: true }, { name: 'reason', label: t('complaints.reason'), kind: 'text' }]} />}
            {can('complaints.share') && <Step c={c} step="share" title={t('complaints.share')} reload={reload} withVersion fields={[{ name: 'text', label: t('complaints.sharedText'), kind: 'textarea', required: true }]} />}
          </div>
        </section>
      )}
      <section className="card" aria-label={t('complaints.log')}>
        <h2>{t('complaints.log')}</h2>
        {c.entries.length === 0 ? (
          <Empty>{t('complaints.noEntries')}</Empty>
        ) : (
          <ul className="complaint-log">
            {c.entries.map((e) => (
              <li key={e.id}>
                {dateTime(e.at)} · {t(`complaintEntry.${e.type}`)} · {e.type === 'compensation' ? t(`complaintCompensation.${e.kind}`) : e.type === 'contact' ? t(`complaintChannel.${e.kind}`) : t(`complaintAction.${e.kind}`)}
                {e.amount && ` · ${money(e.amount.amountFen, e.amount.currency)}`} · {e.text}
                {e.orderId && (<> · <Link to={`/app/orders/${e.orderId}`}>{t('complaints.visitOrder')}</Link></>)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-label={t('complaints.history')}>
        <h2>{t('complaints.history')}</h2>
        <ol className="complaint-history">
          {c.history.map((h, i) => (
            <li key={i}>
              {dateTime(h.at)} · {h.actor} · {t(`complaintHistory.${h.action}`, { defaultValue: h.action })}
              {h.fromLevel !== h.toLevel && h.toLevel && ` · ${h.fromLevel ? t(`complaintLevel.${h.fromLevel}`) + ' → ' : ''}${t(`complaintLevel.${h.toLevel}`)}`}
              {typeof h.details.cause === 'string' && ` (${t(`complaintCause.${h.details.cause}`)})`}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/** One step's form: its fields, sent with the version read when the step moves the complaint. */
function Step({ c, step, title, fields, reload, withVersion = false }: { c: ComplaintDetail; step: Parameters<typeof complaintStep>[1]; title: string; fields: Spec[]; reload: () => void; withVersion?: boolean }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.kind === 'select' ? (f.options?.[0]?.value ?? '') : ''])));
  // A refund is paid once per form: a retried send carries the same key.
  const [paymentKey, setPaymentKey] = useState(() => `complaint-refund-${c.id}-${crypto.randomUUID()}`);
  const body = () => {
    const b: Record<string, unknown> = withVersion ? { version: c.version } : {};
    for (const f of fields) {
      const v = values[f.name]?.trim() ?? '';
      if (f.name === 'accepted') b.accepted = v === 'accepted';
      else if (f.payment) { if (values.kind === 'refund') b.payment = { ...(b.payment as object), idempotencyKey: paymentKey, ...(v ? { [f.name]: v } : {}) }; }
      else if (f.name === 'visit') { if (v) b.visit = { symptom: v }; }
      else if (f.kind === 'yuan') { if (v) b.amount = { amountFen: Math.round(Number(v) * 100), currency: 'CNY' }; }
      else if (v || f.required) b[f.name] = v;
    }
    return b;
  };
  const { submit, busy, fieldError, formError } = useSubmit(() => complaintStep(c.id, step, body()), () => {
    setValues(Object.fromEntries(fields.map((f) => [f.name, f.kind === 'select' ? (f.options?.[0]?.value ?? '') : ''])));
    setPaymentKey(`complaint-refund-${c.id}-${crypto.randomUUID()}`);
    reload();
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <h3>{title}</h3>
      {fields.map((f) => (
        <Field key={f.name} label={f.label} required={f.required} error={fieldError(f.name) ?? (f.payment ? fieldError(`payment.${f.name}`) : undefined) ?? (f.kind === 'yuan' ? fieldError('amount.amountFen') : f.name === 'method' ? fieldError('payment') : undefined)}>
          {(p) =>
            f.kind === 'select' ? (
              <select {...p} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                {f.options!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : f.kind === 'textarea' ? (
              <textarea {...p} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
            ) : (
              <input {...p} inputMode={f.kind === 'yuan' ? 'decimal' : undefined} value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
            )
          }
        </Field>
      ))}
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>{title}</button>
    </form>
  );
}
