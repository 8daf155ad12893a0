import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Field, FormError, useLoad } from '../../shared/ui';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { fraudRules, updateHoldScore, updateRule, type Rule, type Rules } from './api';

/** The rules editor (fraud.rules): each rule on or off, its weight and parameters; the hold score. */
export function FraudRulesPage() {
  const { t } = useTranslation();
  const state = useLoad(() => fraudRules(), []);
  return (
    <article aria-labelledby="fraud-rules-title">
      <header className="page-head">
        <h1 id="fraud-rules-title">{t('fraud.rulesTitle')}</h1>
      </header>
      <p className="muted">{t('fraud.rulesIntro')}</p>
      <Async state={state}>
        {(r) => (
          <>
            <HoldScoreForm rules={r} onDone={state.reload} />
            {r.rules.map((rule) => (
              <RuleForm key={`${rule.code}-${rule.version}`} rule={rule} onDone={state.reload} />
            ))}
          </>
        )}
      </Async>
    </article>
  );
}

function HoldScoreForm({ rules, onDone }: { rules: Rules; onDone: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [hold, setHold] = useState(String(rules.holdScore));
  const { busy, submit, fieldError, formError } = useSubmit(() => updateHoldScore(rules.settingsVersion, Number(hold)), onDone);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('fraud.holdScore')}>
      <Field label={t('fraud.holdScore')} hint={t('fraud.holdScoreHint')} error={fieldError('holdScore')} required>
        {(p) => <input {...p} inputMode="numeric" value={hold} onChange={(e) => setHold(e.target.value)} disabled={!can('fraud.rules')} />}
      </Field>
      <FormError message={formError()} />
      {can('fraud.rules') && (
        <button type="submit" disabled={busy}>
          {t('fraud.save')}
        </button>
      )}
    </form>
  );
}

function RuleForm({ rule, onDone }: { rule: Rule; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const { can } = useSession();
  const editable = can('fraud.rules');
  const [enabled, setEnabled] = useState(rule.enabled);
  const [weight, setWeight] = useState(String(rule.weight));
  const [params, setParams] = useState<Record<string, string>>(Object.fromEntries(Object.entries(rule.params).map(([k, v]) => [k, String(v)])));
  const { busy, submit, fieldError, formError } = useSubmit(
    () => updateRule(rule.code, { version: rule.version, enabled, weight: Number(weight), params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Number(v)])) }),
    onDone,
  );
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-label={rule.name[lang]}>
      <h2>{rule.name[lang]}</h2>
      <label>
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} disabled={!editable} /> {t('fraud.enabled')}
      </label>
      <Field label={t('fraud.weight')} error={fieldError('weight')} required>
        {(p) => <input {...p} inputMode="numeric" value={weight} onChange={(e) => setWeight(e.target.value)} disabled={!editable} />}
      </Field>
      {rule.paramInfo.map((info) => (
        <Field key={info.name} label={info.label[lang]} hint={`${info.min} – ${info.max}`} error={fieldError(`params.${info.name}`)} required>
          {(p) => <input {...p} inputMode="decimal" value={params[info.name] ?? ''} onChange={(e) => setParams({ ...params, [info.name]: e.target.value })} disabled={!editable} />}
        </Field>
      ))}
      <FormError message={formError()} />
      {editable && (
        <button type="submit" disabled={busy}>
          {t('fraud.save')}
        </button>
      )}
    </form>
  );
}
