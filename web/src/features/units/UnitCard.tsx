import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError, useFormErrors } from '../../shared/ui';
import { date, money, named, pick } from '../../shared/format';
import { askSanbao, type SanbaoAnswer, type Unit } from './api';
import { ContractsPanel } from '../contracts';

export function WarrantyLine({ unit: u }: { unit: { warranty: Pick<Unit['warranty'], 'wholeUnit' | 'mainParts' | 'reason'> } }) {
  const { t } = useTranslation();
  const w = u.warranty;
  return (
    <p className={`warranty ${w.wholeUnit.inWarranty ? 'in' : 'out'}`}>
      <strong>{w.wholeUnit.inWarranty ? t('warranty.in') : t('warranty.out')}</strong> · {t('warranty.wholeUntil', { date: date(w.wholeUnit.endsOn) })} ·{' '}
      {t('warranty.mainUntil', { date: date(w.mainParts.endsOn) })}
      <br />
      <small>{pick(w.reason)}</small>
    </p>
  );
}

export function UnitCard({ unit: u }: { unit: Unit }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <div className="unit">
      <h3>
        {named({ nameZh: u.modelNameZh, nameEn: u.modelNameEn })} <span className="muted">{u.modelCode}</span>
      </h3>
      <p className="muted">
        {u.serials.map((s) => `${t(`serial.${s.role}`)} ${s.serial}`).join(' · ')} · {t('unit.bought', { date: date(u.purchaseDate) })} · {money(u.priceFen, u.currency)}
      </p>
      <WarrantyLine unit={u} />
      <button type="button" aria-expanded={asking} onClick={() => setAsking((a) => !a)}>
        {t('sanbao.ask')}
      </button>
      {asking && <SanbaoForm unitId={u.id} />}
      <ContractsPanel unitId={u.id} />
    </div>
  );
}

/** Which 三包 remedy applies to a fault reported today, and why: asked before any work starts. */
function SanbaoForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [faultCode, setFaultCode] = useState('');
  const [kind, setKind] = useState<'performance' | 'other'>('performance');
  const [flags, setFlags] = useState({ misuse: false, unauthorisedDismantling: false, customerRequestsNoReasonReturn: false });
  const [answer, setAnswer] = useState<SanbaoAnswer | null>(null);
  const form = useFormErrors();
  async function submit(e: FormEvent) {
    e.preventDefault();
    form.setError(null);
    try {
      setAnswer(await askSanbao(unitId, { faultCode, kind, ...flags }));
    } catch (err) {
      setAnswer(null);
      form.setError(err);
    }
  }
  return (
    <form className="sanbao" onSubmit={submit}>
      <Field label={t('sanbao.faultCode')} error={form.fieldError('faultCode')} hint={t('sanbao.faultHint')} required>
        {(p) => <input {...p} value={faultCode} onChange={(e) => setFaultCode(e.target.value)} />}
      </Field>
      <Field label={t('sanbao.kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as 'performance' | 'other')}>
            <option value="performance">{t('sanbao.performance')}</option>
            <option value="other">{t('sanbao.other')}</option>
          </select>
        )}
      </Field>
      {(Object.keys(flags) as (keyof typeof flags)[]).map((k) => (
        <label key={k} className="check">
          <input type="checkbox" checked={flags[k]} onChange={(e) => setFlags({ ...flags, [k]: e.target.checked })} /> {t(`sanbao.${k}`)}
        </label>
      ))}
      <FormError message={form.formError()} />
      <button type="submit">{t('sanbao.submit')}</button>
      {answer && (
        <div className="answer" role="status">
          <p>
            <strong>{answer.options.map((o) => t(`sanbao.option.${o}`)).join(' / ')}</strong> · {answer.free ? t('sanbao.free') : t('sanbao.paid')}
            {answer.refundAmountFen > 0 && ` · ${t('sanbao.refund', { amount: money(answer.refundAmountFen) })}`}
          </p>
          <p>{pick(answer.reason)}</p>
          <small className="muted">{t('sanbao.rule', { rule: answer.rule })}</small>
        </div>
      )}
    </form>
  );
}
