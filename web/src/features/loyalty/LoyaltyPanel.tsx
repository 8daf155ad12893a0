import { useTranslation } from 'react-i18next';
import { Async, Empty, useLoad } from '../../shared/ui';
import { dateTime, money, pick } from '../../shared/format';
import { customerLoyalty, makeReferralCode } from './api';

/** The customer's tier and what it gives, its changes with reasons, their value score and referral link. */
export function LoyaltyPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => customerLoyalty(customerId), [customerId]);
  return (
    <section className="card loyalty" aria-labelledby="loyalty-title">
      <h2 id="loyalty-title">{t('loyalty.title')}</h2>
      <Async state={state}>
        {(l) => (
          <>
            <dl>
              <dt>{t('loyalty.tier')}</dt>
              <dd>
                {l.tier}
                {l.invitedTo && ` (${t('loyalty.invited')})`}
              </dd>
              <dt>{t('loyalty.line')}</dt>
              <dd>{l.entitlements.dedicatedLine ?? t('loyalty.commonLine')}</dd>
              <dt>{t('loyalty.discount')}</dt>
              <dd>{l.entitlements.feeDiscountPercent} %</dd>
              <dt>{t('loyalty.freeVisits')}</dt>
              <dd>{l.entitlements.freeVisitsPerYear}</dd>
              <dt>{t('loyalty.value')}</dt>
              <dd>
                {l.value ? (
                  <>
                    {t('loyalty.valueScore', { r: l.value.recency, f: l.value.frequency, m: l.value.monetary, score: l.value.score })} · {money(l.value.monetaryFen)}
                    {l.value.top && <strong> · {t('loyalty.top')}</strong>}
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
              <ul>
                {l.history.map((h) => (
                  <li key={`${h.at}-${h.toTier}`}>
                    {dateTime(h.at)} · {t('loyalty.change', { from: h.fromTier, to: h.toTier })} · <small>{pick(h.reason)}</small>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
