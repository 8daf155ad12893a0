import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Field, FormError, useLoad } from '../../shared/ui';
import { date, dateTime, money, named, pick } from '../../shared/format';
import { useSession } from '../../shared/session';
import { useSubmit } from '../../shared/submit';
import { listTiers, type CustomerTier } from '../customers/api';
import { customerLoyalty, inviteToTier, makeReferralCode, tierRules } from './api';

/** The customer's tier and what it gives, its changes with reasons, their value score and referral link; an invitation by hand (loyalty.manage). */
export function LoyaltyPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const state = useLoad(async () => {
    const [loyalty, tiers] = await Promise.all([customerLoyalty(customerId), listTiers()]);
    return { l: loyalty, tiers: tiers.items };
  }, [customerId]);
  const [inviting, setInviting] = useState(false);
  return (
    <section className="card loyalty" aria-labelledby="loyalty-title">
      <h2 id="loyalty-title">{t('loyalty.title')}</h2>
      <Async state={state}>
        {({ l, tiers }) => {
          const tierName = (code: string) => {
            const tier = tiers.find((x) => x.code === code);
            return tier ? named(tier) : code;
          };
          return (
            <>
              <dl>
                <dt>{t('loyalty.tier')}</dt>
                <dd className="loyalty-tier">
                  {tierName(l.tier)}
                  {l.invitedTo && ` (${t('loyalty.invited')})`}
                </dd>
                <dt>{t('loyalty.line')}</dt>
                <dd>{l.entitlements.dedicatedLine ?? t('loyalty.commonLine')}</dd>
                <dt>{t('loyalty.discount')}</dt>
                <dd>{l.entitlements.feeDiscountPercent} %</dd>
                <dt>{t('loyalty.freeVisits')}</dt>
                <dd>{l.entitlements.freeVisitsPerYear}</dd>
                <dt>{t('loyalty.value')}</dt>
                <dd className="loyalty-value">
                  {l.value ? (
                    <>
                      {t('loyalty.valueScore', { r: l.value.recency, f: l.value.frequency, m: l.value.monetary, score: l.value.score })} · {money(l.value.monetaryFen)}
                      {l.value.top && <strong className="top-customer"> · {t('loyalty.top')}</strong>}
                      <br />
                      <small className="muted">{t('loyalty.valueFacts', { purchases: l.value.purchases, days: l.value.recencyDays ?? '—', on: date(l.value.computedOn) })}</small>
                    </>
                  ) : (
                    t('loyalty.notScored')
                  )}
                </dd>
                <dt>{t('loyalty.referral')}</dt>
                <dd>
                  {l.referralLink ?? (
                    <button type="button" onClick={() => void makeReferralCode(customerId).then(state.reload, state.reload)}>
                      {t('loyalty.makeCode')}
                    </button>
                  )}
                </dd>
              </dl>
              <h3>{t('loyalty.history')}</h3>
              {l.history.length === 0 ? (
                <Empty>{t('loyalty.noHistory')}</Empty>
              ) : (
                <ul className="tier-history">
                  {l.history.map((h) => (
                    <li key={`${h.at}-${h.toTier}`}>
                      {dateTime(h.at)} · {t('loyalty.change', { from: tierName(h.fromTier), to: tierName(h.toTier) })} · <small>{pick(h.reason)}</small> <small className="muted">{t('loyalty.by', { by: h.by })}</small>
                    </li>
                  ))}
                </ul>
              )}
              {can('loyalty.manage') && (
                <>
                  <button type="button" aria-expanded={inviting} onClick={() => setInviting((o) => !o)}>
                    {t('loyalty.invite')}
                  </button>
                  {inviting && (
                    <InviteForm
                      customerId={customerId}
                      tiers={tiers}
                      onDone={() => {
                        setInviting(false);
                        state.reload();
                      }}
                    />
                  )}
                </>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}

function InviteForm({ customerId, tiers, onDone }: { customerId: string; tiers: CustomerTier[]; onDone: () => void }) {
  const { t } = useTranslation();
  const rules = useLoad(() => tierRules(), []);
  const invitable = tiers.filter((x) => rules.data?.items.some((r) => r.tier === x.code && r.invitationOnly));
  const [tier, setTier] = useState('');
  const [reason, setReason] = useState('');
  const { busy, submit, fieldError, formError } = useSubmit(() => inviteToTier(customerId, { tier: tier || invitable[0]?.code || '', reason }), onDone);
  if (rules.data && invitable.length === 0) return <Empty>{t('loyalty.noInvitationTier')}</Empty>;
  return (
    <form className="sub-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('loyalty.invite')}>
      <Field label={t('loyalty.inviteTier')} error={fieldError('tier')} required>
        {(p) => (
          <select {...p} value={tier || invitable[0]?.code || ''} onChange={(e) => setTier(e.target.value)}>
            {invitable.map((x) => (
              <option key={x.code} value={x.code}>
                {named(x)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('loyalty.inviteReason')} error={fieldError('reason')} required>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormError message={formError()} />
      <button type="submit" className="primary" disabled={busy}>
        {t('loyalty.inviteSubmit')}
      </button>
    </form>
  );
}
