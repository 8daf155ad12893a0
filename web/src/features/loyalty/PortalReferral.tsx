import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, useLoad } from '../../shared/ui';
import { makeMyReferralCode, myLoyalty } from './api';

/** In the portal: the customer's tier and what it gives, and their referral code and link to share (made on first ask). */
export function PortalReferral({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => myLoyalty(customerId), [customerId]);
  const [copied, setCopied] = useState(false);
  return (
    <section className="card my-referral" aria-labelledby="my-referral">
      <h2 id="my-referral">{t('loyalty.myTitle')}</h2>
      <Async state={state}>
        {(l) => (
          <>
            <p>
              {t('loyalty.myTier', { tier: l.tier })}
              {l.entitlements.dedicatedLine && ` · ${t('loyalty.myLine', { line: l.entitlements.dedicatedLine })}`}
              {l.entitlements.feeDiscountPercent > 0 && ` · ${t('loyalty.myDiscount', { discount: l.entitlements.feeDiscountPercent })}`}
            </p>
            <p className="muted">{t('loyalty.shareIntro')}</p>
            {l.referralCode && l.referralLink ? (
              <dl>
                <dt>{t('loyalty.myCode')}</dt>
                <dd>
                  <code className="referral-code">{l.referralCode}</code>
                </dd>
                <dt>{t('loyalty.myLink')}</dt>
                <dd>
                  <input className="referral-link" readOnly value={l.referralLink} aria-label={t('loyalty.myLink')} onFocus={(e) => e.target.select()} />
                  <button
                    type="button"
                    onClick={() => void navigator.clipboard?.writeText(l.referralLink!).then(() => setCopied(true), () => setCopied(false))}
                  >
                    {t('loyalty.copy')}
                  </button>
                  {copied && <span role="status"> {t('loyalty.copied')}</span>}
                </dd>
              </dl>
            ) : (
              <button type="button" className="primary" onClick={() => void makeMyReferralCode(customerId).then(state.reload, state.reload)}>
                {t('loyalty.makeMyCode')}
              </button>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
