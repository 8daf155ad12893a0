import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Async, Empty, Field, FormError, Pager, useLoad } from '../../shared/ui';
import { dateTime, money, named, pick } from '../../shared/format';
import { useSubmit } from '../../shared/submit';
import { listTiers, type CustomerTier } from '../customers/api';
import { putTierRule, referrals, tierRules, type TierRule, type TierRuleInput } from './api';
import { useCustomerNames, useReferralCodes } from './names';

/** Yuan as typed (12.50) to whole fen; NaN when it is not money, which the server then names. */
const fen = (yuan: string) => (/^\d+(\.\d{1,2})?$/.test(yuan.trim()) ? Math.round(Number(yuan) * 100) : Number.NaN);
/** A whole number as typed; NaN otherwise (named by the server). */
const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : Number.NaN);

/** Loyalty (loyalty.manage): each tier's rule and entitlements as data, the policy in words, and the referrals. */
export function LoyaltyPage() {
  const { t } = useTranslation();
  const state = useLoad(async () => {
    const [tiers, rules] = await Promise.all([listTiers(), tierRules()]);
    return { tiers: [...tiers.items].sort((a, b) => a.rank - b.rank), rules: rules.items };
  }, []);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <article aria-labelledby="loyalty-page-title">
      <header className="page-head">
        <h1 id="loyalty-page-title">{t('loyalty.pageTitle')}</h1>
      </header>
      <p className="muted">{t('loyalty.policy')}</p>
      <section className="card tier-rules" aria-labelledby="tier-rules-title">
        <h2 id="tier-rules-title">{t('loyalty.rules')}</h2>
        <Async state={state}>
          {({ tiers, rules }) => (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>{t('loyalty.tier')}</th>
                      <th>{t('loyalty.earned')}</th>
                      <th>{t('loyalty.entitlements')}</th>
                      <th>{t('loyalty.updated')}</th>
                      <th>
                        {t('loyalty.edit')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {tiers.map((tier) => {
                      const r = rules.find((x) => x.tier === tier.code);
                      return (
                        <tr key={tier.code} data-tier={tier.code}>
                          <th scope="row">{named(tier)}</th>
                          <td>{!r ? t('loyalty.noRule') : r.invitationOnly ? t('loyalty.invitationOnly') : t('loyalty.thresholds', { spend: money(r.minSpendFen), units: r.minUnits, months: r.minTenureMonths, referrals: r.minReferrals })}</td>
                          <td>{r ? t('loyalty.gives', { discount: r.feeDiscountPercent, visits: r.freeVisitsPerYear, line: r.dedicatedLine ?? t('loyalty.commonLine'), bonus: r.plannerBonus ?? t('loyalty.byRank') }) : '—'}</td>
                          <td>{r ? `${dateTime(r.updatedAt)} · ${r.updatedBy}` : '—'}</td>
                          <td>
                            <button type="button" aria-expanded={editing === tier.code} onClick={() => { setSaved(null); setEditing(editing === tier.code ? null : tier.code); }}>
                              {t('loyalty.editTier', { tier: named(tier) })}
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {saved && (
                <p role="status" className="notice ok">
                  {t('loyalty.saved', { tier: saved })}
                </p>
              )}
              {editing && (
                <RuleForm
                  key={editing}
                  tier={tiers.find((x) => x.code === editing)!}
                  rule={rules.find((x) => x.tier === editing)}
                  onDone={(name) => {
                    setEditing(null);
                    setSaved(name);
                    state.reload();
                  }}
                />
              )}
            </>
          )}
        </Async>
      </section>
      <Referrals />
    </article>
  );
}

function RuleForm({ tier, rule, onDone }: { tier: CustomerTier; rule: TierRule | undefined; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    invitationOnly: rule?.invitationOnly ?? false,
    minSpend: rule ? String(rule.minSpendFen / 100) : '0',
    minUnits: String(rule?.minUnits ?? 0),
    minTenureMonths: String(rule?.minTenureMonths ?? 0),
    minReferrals: String(rule?.minReferrals ?? 0),
    feeDiscountPercent: String(rule?.feeDiscountPercent ?? 0),
    freeVisitsPerYear: String(rule?.freeVisitsPerYear ?? 0),
    plannerBonus: rule?.plannerBonus === null || rule?.plannerBonus === undefined ? '' : String(rule.plannerBonus),
    dedicatedLine: rule?.dedicatedLine ?? '',
  });
  const set = (k: keyof typeof form, v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));
  const body = (): TierRuleInput => ({
    ...(rule ? { version: rule.version } : {}),
    invitationOnly: form.invitationOnly,
    minSpendFen: fen(form.minSpend),
    minUnits: whole(form.minUnits),
    minTenureMonths: whole(form.minTenureMonths),
    minReferrals: whole(form.minReferrals),
    feeDiscountPercent: whole(form.feeDiscountPercent),
    freeVisitsPerYear: whole(form.freeVisitsPerYear),
    plannerBonus: form.plannerBonus.trim() === '' ? null : whole(form.plannerBonus),
    dedicatedLine: form.dedicatedLine.trim() || null,
  });
  const { busy, submit, fieldError, formError } = useSubmit(() => putTierRule(tier.code, body()), () => onDone(named(tier)));
  const number = (k: keyof typeof form, label: string, path: string, step = '1') => (
    <Field label={label} error={fieldError(path)} required>
      {(p) => <input {...p} inputMode={step === '1' ? 'numeric' : 'decimal'} value={form[k] as string} onChange={(e) => set(k, e.target.value)} />}
    </Field>
  );
  return (
    <form className="sub-form tier-rule" onSubmit={(e) => void submit(e)} noValidate aria-label={t('loyalty.editTier', { tier: named(tier) })}>
      <h3>{t('loyalty.editTier', { tier: named(tier) })}</h3>
      <label className="check">
        <input type="checkbox" checked={form.invitationOnly} onChange={(e) => set('invitationOnly', e.target.checked)} /> {t('loyalty.invitationOnly')}
      </label>
      <fieldset disabled={form.invitationOnly}>
        <legend>{t('loyalty.earned')}</legend>
        {number('minSpend', t('loyalty.minSpend'), 'minSpendFen', '0.01')}
        {number('minUnits', t('loyalty.minUnits'), 'minUnits')}
        {number('minTenureMonths', t('loyalty.minTenure'), 'minTenureMonths')}
        {number('minReferrals', t('loyalty.minReferrals'), 'minReferrals')}
      </fieldset>
      <fieldset>
        <legend>{t('loyalty.entitlements')}</legend>
        {number('feeDiscountPercent', t('loyalty.discountPercent'), 'feeDiscountPercent')}
        {number('freeVisitsPerYear', t('loyalty.freeVisits'), 'freeVisitsPerYear')}
        <Field label={t('loyalty.plannerBonus')} error={fieldError('plannerBonus')} hint={t('loyalty.plannerBonusHint')}>
          {(p) => <input {...p} inputMode="numeric" value={form.plannerBonus} onChange={(e) => set('plannerBonus', e.target.value)} />}
        </Field>
        <Field label={t('loyalty.line')} error={fieldError('dedicatedLine')} hint={t('loyalty.lineHint')}>
          {(p) => <input {...p} value={form.dedicatedLine} onChange={(e) => set('dedicatedLine', e.target.value)} />}
        </Field>
      </fieldset>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('loyalty.save')}
      </button>
    </form>
  );
}

/** Referrals, newest first: who referred whom (and their code), the status, the reward, a reversal. */
function Referrals() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => referrals(offset), [offset]);
  const items = state.data?.items ?? [];
  const names = useCustomerNames(items.flatMap((r) => [r.referrerId, r.friendId]));
  const codes = useReferralCodes(items.map((r) => r.referrerId));
  return (
    <section className="card referrals" aria-labelledby="referrals-title">
      <h2 id="referrals-title">{t('loyalty.referrals')}</h2>
      <Async state={state}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty>{t('loyalty.noReferrals')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table aria-labelledby="referrals-title">
                  <thead>
                    <tr>
                      <th>{t('loyalty.code')}</th>
                      <th>{t('loyalty.referrer')}</th>
                      <th>{t('loyalty.friend')}</th>
                      <th>{t('loyalty.status')}</th>
                      <th>{t('loyalty.reward')}</th>
                      <th>{t('loyalty.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.items.map((r) => (
                      <tr key={r.id} className={`referral referral-${r.status}`}>
                        <td>
                          <code>{codes.get(r.referrerId) ?? '…'}</code>
                        </td>
                        <td>
                          <Link to={`/app/customers/${r.referrerId}`}>{names.get(r.referrerId) ?? '…'}</Link>
                        </td>
                        <td>
                          <Link to={`/app/customers/${r.friendId}`}>{names.get(r.friendId) ?? '…'}</Link> <small className="muted">{dateTime(r.createdAt)}</small>
                        </td>
                        <td>
                          {t(`loyalty.referralStatus.${r.status}`)}
                          {r.reversedAt && <small className="muted"> · {dateTime(r.reversedAt)}</small>}
                        </td>
                        <td>
                          {r.status === 'reversed' ? <s>{money(r.rewardFen)}</s> : money(r.rewardFen)}
                          {r.purchaseFen !== null && <small className="muted"> · {t('loyalty.purchase', { amount: money(r.purchaseFen) })}</small>}
                        </td>
                        <td>{r.reason ? pick(r.reason) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
    </section>
  );
}
