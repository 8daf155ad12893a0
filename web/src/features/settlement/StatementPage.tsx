import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Async, Dialog, Field, FormError, useLoad } from '../../shared/ui';
import { dateTime, money, pick, localName } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { answerLine, disputeLine, generateStatement, getStatement, jobTypes, lineReasons, payStatement, pieceRates, setPieceRates, stepStatement, technicianPay, type LineReason, type StatementDetail, type StatementLine } from './api';
import { signedFen } from './money';
import { fenFromYuan } from '../fees';

/** One statement: every line explained, a dispute button per line for the provider, the steps for headquarters, exports, technician pay. */
export function StatementPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const state = useLoad(() => getStatement(id), [id]);
  const [disputing, setDisputing] = useState<StatementLine | null>(null);
  const [answering, setAnswering] = useState<StatementLine | null>(null);
  const lang = i18n.language?.startsWith('zh') ? 'zh' : 'en';
  const done = () => {
    setDisputing(null);
    setAnswering(null);
    state.reload();
  };
  return (
    <Async state={state}>
      {(s) => {
        const mayDispute = can('settlement.respond') && ['sent', 'disputed', 'answered'].includes(s.status);
        return (
          <article aria-labelledby="statement-title">
            <header className="page-head">
              <h1 id="statement-title">
                {t('settlement.statementOf', { provider: localName(s.providerName ?? s.providerId, s.providerNameEn), period: s.period })}
              </h1>
              <p>
                <Link to="/app/settlement">{t('settlement.back')}</Link>
              </p>
            </header>
            <p>
              <strong data-testid="statement-status">{pick(s.statusName)}</strong> · {t('settlement.total')} <strong data-testid="statement-total">{money(s.totalFen, s.currency)}</strong> · {t('settlement.ordersSettled', { n: s.orderCount })}
              {s.heldCount > 0 && ` · ${t('settlement.held', { n: s.heldCount })}`}
              {s.paymentReference && ` · ${t('settlement.reference')}: ${s.paymentReference}`}
            </p>
            <Steps s={s} onDone={done} />
            <p>
              {t('settlement.export')}: <a href={`/settlement-statements/${s.id}/export.csv?lang=${lang}`}>CSV</a> · <a href={`/settlement-statements/${s.id}/export.xlsx?lang=${lang}`}>XLSX</a> ·{' '}
              <a href={`/settlement-statements/${s.id}/export.html?lang=${lang}`} target="_blank" rel="noreferrer">
                {t('settlement.print')}
              </a>
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('settlement.item')}</th>
                    <th scope="col">{t('settlement.explain')}</th>
                    <th scope="col">{t('settlement.amount')}</th>
                    <th scope="col">{t('settlement.dispute')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.lines.map((l) => (
                    <tr key={l.lineNo} data-line={l.lineNo}>
                      <td>{l.lineNo}</td>
                      <td>
                        {t(`statementLineKind.${l.kind}`)}: {lang === 'zh' ? l.nameZh : l.nameEn}
                        {l.orderId && (
                          <>
                            {' '}
                            <Link to={`/app/orders/${l.orderId}`}>{l.orderNumber}</Link>
                          </>
                        )}
                      </td>
                      <td>
                        {pick(l.explain)}
                        {l.kind === 'rule' && l.orderNumbers.length > 0 && (
                          <details>
                            <summary>{t('settlement.ordersBehind', { n: l.orderNumbers.length })}</summary>
                            {l.orderIds.map((o, i) => (
                              <span key={o}>
                                {i > 0 && ', '}
                                <Link to={`/app/orders/${o}`}>{l.orderNumbers[i]}</Link>
                              </span>
                            ))}
                          </details>
                        )}
                      </td>
                      <td>{money(l.amountFen, l.currency)}</td>
                      <td>
                        {l.disputeStatus && (
                          <span>
                            {t(`lineDisputeStatus.${l.disputeStatus}`)}
                            {l.disputeReason && ` · ${t(`lineReason.${l.disputeReason}`)}`}
                            {l.answer && ` · ${t('settlement.answer')}: ${l.answer}`}
                          </span>
                        )}{' '}
                        {mayDispute && l.disputeStatus !== 'open' && (
                          <button type="button" onClick={() => setDisputing(l)}>
                            {t('settlement.disputeLine', { n: l.lineNo })}
                          </button>
                        )}
                        {can('settlement.manage') && l.disputeStatus === 'open' && s.status === 'disputed' && (
                          <button type="button" onClick={() => setAnswering(l)}>
                            {t('settlement.answerLine', { n: l.lineNo })}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Held s={s} />
            {can('settlement.rates') && <Pay s={s} />}
            <h2>{t('settlement.history')}</h2>
            <ul>
              {s.history.map((h, i) => (
                <li key={i}>
                  {dateTime(h.at)} · {h.actor} · {t(`statementAction.${h.action}`, { defaultValue: h.action })}
                </li>
              ))}
            </ul>
            {disputing && <DisputeDialog s={s} line={disputing} onClose={() => setDisputing(null)} onDone={done} />}
            {answering && <AnswerDialog s={s} line={answering} onClose={() => setAnswering(null)} onDone={done} />}
          </article>
        );
      }}
    </Async>
  );
}

/** The orders the statement held back and why (each rolls over once cleared), and those rolled into it from earlier months. */
function Held({ s }: { s: StatementDetail }) {
  const { t } = useTranslation();
  const reasons = (r: { name: { zh: string; en: string } }[]) => r.map((x) => pick(x.name)).join('; ');
  return (
    <>
      {s.held.length > 0 && (
        <section aria-labelledby="held-title">
          <h2 id="held-title">{t('settlement.heldTitle')}</h2>
          <p className="hint">{t('settlement.heldHint')}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('settlement.order')}</th>
                  <th scope="col">{t('settlement.explain')}</th>
                  <th scope="col">{t('settlement.now')}</th>
                </tr>
              </thead>
              <tbody>
                {s.held.map((h) => (
                  <tr key={h.orderId} data-testid="held-order">
                    <td>
                      <Link to={`/app/orders/${h.orderId}`}>{h.orderNumber}</Link>
                    </td>
                    <td>{reasons(h.reasons)}</td>
                    <td>{h.settledIn ? <Link to={`/app/settlement/${h.settledIn.statementId}`}>{t('settlement.settledIn', { period: h.settledIn.period })}</Link> : t('settlement.stillHeld')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {s.rolledIn.length > 0 && (
        <section aria-labelledby="rolled-title">
          <h2 id="rolled-title">{t('settlement.rolledTitle')}</h2>
          <p className="hint">{t('settlement.rolledHint')}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('settlement.order')}</th>
                  <th scope="col">{t('settlement.explain')}</th>
                </tr>
              </thead>
              <tbody>
                {s.rolledIn.map((r) => (
                  <tr key={r.orderId} data-testid="rolled-order">
                    <td>
                      <Link to={`/app/orders/${r.orderId}`}>{r.orderNumber}</Link>
                    </td>
                    <td>
                      {t('settlement.heldIn', { period: r.heldIn })}: {reasons(r.reasons)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

function Steps({ s, onDone }: { s: StatementDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [reference, setReference] = useState('');
  // Which button sent the form: set on its click, before the form's submit runs.
  const action = useRef('');
  const { busy, submit, fieldError, formError } = useSubmit(async () => {
    if (action.current === 'generate') await generateStatement(s.providerId, s.period);
    else if (action.current === 'pay') await payStatement(s.id, s.version, reference);
    else await stepStatement(s.id, action.current as 'send' | 'agree' | 'approve', s.version);
  }, onDone);
  const button = (a: string, show: boolean) =>
    show && (
      <button key={a} type="submit" className="primary" disabled={busy} onClick={() => (action.current = a)}>
        {t(`settlement.step.${a}`)}
      </button>
    );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="actions">
      {button('generate', can('settlement.manage') && s.status === 'draft')}
      {button('send', can('settlement.manage') && s.status === 'draft')}
      {button('agree', can('settlement.respond') && ['sent', 'answered'].includes(s.status))}
      {button('approve', can('settlement.approve') && s.status === 'agreed')}
      {can('settlement.pay') && s.status === 'approved' && (
        <>
          <Field label={t('settlement.reference')} error={fieldError('reference')} required>
            {(p) => <input {...p} value={reference} onChange={(e) => setReference(e.target.value)} />}
          </Field>
          {button('pay', true)}
        </>
      )}
      {s.status === 'agreed' && s.needsSecondRole && <p className="muted">{t('settlement.secondRoleHint')}</p>}
      <FormError message={formError()} />
    </form>
  );
}

function DisputeDialog({ s, line, onClose, onDone }: { s: StatementDetail; line: StatementLine; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<LineReason>('amount_wrong');
  const [note, setNote] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => disputeLine(s.id, line.lineNo, { reason, note }), onDone);
  return (
    <Dialog title={t('settlement.disputeTitle', { n: line.lineNo })} onClose={onClose}>
      <p>{pick(line.explain)}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('settlement.reason')} error={fieldError('reason')} required>
          {(p) => (
            <select {...p} value={reason} onChange={(e) => setReason(e.target.value as LineReason)}>
              {lineReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`lineReason.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settlement.note')} hint={t('settlement.noteHint')} error={fieldError('note')} required>
          {(p) => <textarea {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <FormError message={formError()} />
        <button type="submit" className="primary" disabled={busy}>
          {t('settlement.sendDispute')}
        </button>
      </form>
    </Dialog>
  );
}

function AnswerDialog({ s, line, onClose, onDone }: { s: StatementDetail; line: StatementLine; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [correction, setCorrection] = useState('0');
  const { busy, submit, fieldError, formError } = useSubmit(() => answerLine(s.id, line.lineNo, { answer, correctionFen: signedFen(correction) ?? Number.NaN }), onDone);
  return (
    <Dialog title={t('settlement.answerTitle', { n: line.lineNo })} onClose={onClose}>
      <p>
        {line.disputeReason && t(`lineReason.${line.disputeReason}`)}: {line.disputeNote}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('settlement.answer')} error={fieldError('answer')} required>
          {(p) => <textarea {...p} value={answer} onChange={(e) => setAnswer(e.target.value)} />}
        </Field>
        <Field label={t('settlement.correction')} hint={t('settlement.correctionHint')} error={fieldError('correctionFen')}>
          {(p) => <input {...p} inputMode="decimal" value={correction} onChange={(e) => setCorrection(e.target.value)} />}
        </Field>
        <FormError message={formError()} />
        <button type="submit" className="primary" disabled={busy}>
          {t('settlement.sendAnswer')}
        </button>
      </form>
    </Dialog>
  );
}

/** Technician pay from this statement's orders, and the provider's piece rates. */
function Pay({ s }: { s: StatementDetail }) {
  const { t } = useTranslation();
  const pay = useLoad(() => technicianPay(s.id), [s.id]);
  const rates = useLoad(() => pieceRates(s.providerId), [s.providerId]);
  return (
    <section aria-labelledby="pay-title">
      <h2 id="pay-title">{t('settlement.payTitle')}</h2>
      <Async state={pay}>
        {(p) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('settlement.technician')}</th>
                  <th scope="col">{t('settlement.jobs')}</th>
                  <th scope="col">{t('settlement.total')}</th>
                </tr>
              </thead>
              <tbody>
                {p.technicians.map((x) => (
                  <tr key={x.technicianId ?? '-'}>
                    <td>{x.name ? localName(x.name, x.nameEn) : t('settlement.noTechnician')}</td>
                    <td>{x.lines.map((l) => `${t(`kind.${l.jobType}`, { defaultValue: l.jobType })} ×${l.orders}${l.rateFen === null ? ` (${t('settlement.noRate')})` : ''}`).join(', ')}</td>
                    <td>{money(x.totalFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
      <Async state={rates}>{(r) => <RatesForm providerId={s.providerId} initial={r.rates} onDone={() => { pay.reload(); rates.reload(); }} />}</Async>
    </section>
  );
}

function RatesForm({ providerId, initial, onDone }: { providerId: string; initial: { jobType: string; rateFen: number }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(initial.map((r) => [r.jobType, (r.rateFen / 100).toFixed(2)])));
  const { busy, submit, formError } = useSubmit(
    () => setPieceRates(jobTypes.filter((j) => (values[j] ?? '').trim() !== '').map((j) => ({ jobType: j, rateFen: fenFromYuan(values[j]) ?? -1 })), providerId),
    onDone,
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('settlement.ratesTitle')}</h3>
      {jobTypes.map((j) => (
        <Field key={j} label={t('settlement.rateOf', { job: t(`kind.${j}`, { defaultValue: j }) })}>
          {(p) => <input {...p} inputMode="decimal" value={values[j] ?? ''} onChange={(e) => setValues({ ...values, [j]: e.target.value })} />}
        </Field>
      ))}
      <FormError message={formError()} />
      <button type="submit" disabled={busy}>
        {t('settlement.saveRates')}
      </button>
    </form>
  );
}
