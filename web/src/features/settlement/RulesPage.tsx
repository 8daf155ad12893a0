import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { money, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { fenFromYuan } from '../fees';
import { createRule, listRules, type Rules } from './api';

/** Reward and penalty rules as data: what each measures, its thresholds, its amount, when in force. */
export function SettlementRulesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(() => listRules(), []);
  return (
    <article aria-labelledby="rules-title">
      <header className="page-head">
        <h1 id="rules-title">{t('settlement.rulesTitle')}</h1>
      </header>
      <p className="muted">{t('settlement.rulesIntro')}</p>
      <Async state={state}>
        {(r) => (
          <>
            {r.items.length === 0 ? (
              <Empty>{t('settlement.noRules')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('settlement.ruleCode')}</th>
                      <th scope="col">{t('settlement.ruleName')}</th>
                      <th scope="col">{t('settlement.measure')}</th>
                      <th scope="col">{t('settlement.thresholds')}</th>
                      <th scope="col">{t('settlement.amount')}</th>
                      <th scope="col">{t('settlement.inForce')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.items.map((x) => {
                      const m = r.measures.find((m) => m.code === x.measure);
                      return (
                        <tr key={x.id}>
                          <td>{x.code}</td>
                          <td>{pick({ zh: x.nameZh, en: x.nameEn })} · {t(`ruleKind.${x.kind}`)}</td>
                          <td>{m ? pick({ zh: m.nameZh, en: m.nameEn }) : x.measure}</td>
                          <td>{x.thresholdMin ?? '−∞'} ≤ v {x.thresholdMax !== null ? `< ${x.thresholdMax}` : ''}</td>
                          <td>{money(x.amountFen, x.currency)} {t(`ruleBasis.${x.basis}`)}</td>
                          <td>{x.activeFrom} → {x.activeTo ?? '…'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {can('settlement.manage') && <RuleForm measures={r.measures} onDone={state.reload} />}
          </>
        )}
      </Async>
    </article>
  );
}

function RuleForm({ measures, onDone }: { measures: Rules['measures']; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ code: '', nameZh: '', nameEn: '', kind: 'reward' as 'reward' | 'penalty', measure: measures[0]?.code ?? '', thresholdMin: '', thresholdMax: '', basis: 'per_order' as 'per_order' | 'fixed', amount: '', activeFrom: new Date().toISOString().slice(0, 10), activeTo: '' });
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  const { busy, submit, fieldError, formError } = useSubmit(
    () =>
      createRule({
        code: f.code,
        nameZh: f.nameZh,
        nameEn: f.nameEn,
        kind: f.kind,
        measure: f.measure,
        thresholdMin: num(f.thresholdMin),
        thresholdMax: num(f.thresholdMax),
        basis: f.basis,
        amountFen: fenFromYuan(f.amount) ?? -1,
        activeFrom: f.activeFrom,
        activeTo: f.activeTo || null,
      }),
    onDone,
  );
  const text = (key: keyof typeof f, label: string, path = key as string) => (
    <Field label={label} error={fieldError(path)} required={['code', 'nameZh', 'nameEn', 'amount', 'activeFrom'].includes(key)}>
      {(p) => <input {...p} value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('settlement.newRule')}</h2>
      {text('code', t('settlement.ruleCode'))}
      {text('nameZh', t('settlement.nameZh'))}
      {text('nameEn', t('settlement.nameEn'))}
      <Field label={t('settlement.ruleKindLabel')} required>
        {(p) => (
          <select {...p} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as 'reward' | 'penalty' })}>
            <option value="reward">{t('ruleKind.reward')}</option>
            <option value="penalty">{t('ruleKind.penalty')}</option>
          </select>
        )}
      </Field>
      <Field label={t('settlement.measure')} error={fieldError('measure')} required>
        {(p) => (
          <select {...p} value={f.measure} onChange={(e) => setF({ ...f, measure: e.target.value })}>
            {measures.map((m) => (
              <option key={m.code} value={m.code}>
                {pick({ zh: m.nameZh, en: m.nameEn })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('thresholdMin', t('settlement.thresholdMin'))}
      {text('thresholdMax', t('settlement.thresholdMax'))}
      <Field label={t('settlement.basis')} required>
        {(p) => (
          <select {...p} value={f.basis} onChange={(e) => setF({ ...f, basis: e.target.value as 'per_order' | 'fixed' })}>
            <option value="per_order">{t('ruleBasis.per_order')}</option>
            <option value="fixed">{t('ruleBasis.fixed')}</option>
          </select>
        )}
      </Field>
      {text('amount', t('settlement.amountYuan'), 'amountFen')}
      {text('activeFrom', t('settlement.activeFrom'))}
      {text('activeTo', t('settlement.activeTo'))}
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('settlement.addRule')}
      </button>
    </form>
  );
}
