import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, errorText, useLoad } from '../../shared/ui';
import { date, money } from '../../shared/format';
import { myUnitContracts, renewMyContract, type MyContract } from './api';

/** The last day to renew: the term's last day (the reminder comes 30 days before it). */
const daysUntil = (day: string) => Math.ceil((Date.parse(`${day}T23:59:59+08:00`) - Date.now()) / 86_400_000);

/** In the portal: the customer's contracts over all their units — term, cover, visits left, renewal. */
export function PortalContracts({ units }: { units: { id: string; label: string }[] }) {
  const { t } = useTranslation();
  const ids = units.map((u) => u.id).join(',');
  const state = useLoad(async () => {
    const lists = await Promise.all(units.map((u) => myUnitContracts(u.id).then((l) => l.items.map((c) => ({ ...c, unitLabel: u.label })))));
    return lists.flat();
  }, [ids]);
  // The renewal's answer stays above the list, which reloads to show the new contract beside the old one.
  const [renewed, setRenewed] = useState<MyContract | null>(null);
  const onRenewed = (r: MyContract) => {
    setRenewed(r);
    state.reload();
  };
  return (
    <section className="card my-contracts" aria-labelledby="my-contracts">
      <h2 id="my-contracts">{t('contracts.myTitle')}</h2>
      {renewed && (
        <p className="notice renewed" role="status">
          {t('contracts.renewed', { from: date(renewed.startsOn), to: date(renewed.endsOn), price: money(renewed.priceFen, renewed.currency) })}
        </p>
      )}
      <Async state={state}>
        {(items) => (items.length === 0 ? <Empty>{t('contracts.myNone')}</Empty> : <ul>{items.map((c) => <MyContractRow key={c.id} contract={c} onRenewed={onRenewed} />)}</ul>)}
      </Async>
    </section>
  );
}

function MyContractRow({ contract: c, onRenewed }: { contract: MyContract & { unitLabel: string }; onRenewed: (r: MyContract) => void }) {
  const { t } = useTranslation();
  const left = c.visits.filter((v) => v.status === 'planned').length;
  const next = c.visits.find((v) => v.status === 'planned');
  const what = [c.coversLabour && t('contracts.labour'), c.coversParts && t('contracts.parts')].filter(Boolean).join(' + ');
  const days = daysUntil(c.endsOn);
  return (
    <li className="my-contract">
      <h3>
        {t(`contracts.kindName.${c.kind}`)} · <span className="muted">{c.unitLabel}</span>
      </h3>
      <dl>
        <dt>{t('contracts.myTerm')}</dt>
        <dd>
          {t('contracts.period', { from: date(c.startsOn), to: date(c.endsOn) })} · {t(`contracts.status.${c.status}`)}
        </dd>
        <dt>{t('contracts.myCover')}</dt>
        <dd>
          {what ? t('contracts.covers', { what }) : '—'}
          {c.partCodes && ` (${c.partCodes.join(', ')})`}
        </dd>
        {c.visitsIncluded > 0 && (
          <>
            <dt>{t('contracts.myVisitsLeft')}</dt>
            <dd>
              {t('contracts.visitsLeft', { left, total: c.visitsIncluded })}
              {next && ` · ${t('contracts.nextVisit', { date: date(next.dueOn) })}`}
            </dd>
          </>
        )}
        <dt>{t('contracts.myRenewal')}</dt>
        <dd>{c.status === 'cancelled' ? t('contracts.refund', { amount: money(c.refundOwedFen ?? 0, c.currency) }) : days > 30 ? t('contracts.renewLater', { date: date(c.endsOn) }) : days >= 0 ? t('contracts.renewNow', { days }) : t('contracts.ended')}</dd>
        <dt>{c.payment === 'pay_later' ? t('contracts.myPriceDue') : t('contracts.myPrice')}</dt>
        <dd>
          {money(c.priceFen, c.currency)}
          {c.payment === 'pay_later' && ` · ${t('contracts.payLater')}`}
        </dd>
      </dl>
      {c.renewal?.open && <RenewForm contract={c} onRenewed={onRenewed} />}
    </li>
  );
}

/** The renewal on offer: its price and term shown, the customer's agreement asked; no payment online (paid later). */
function RenewForm({ contract: c, onRenewed }: { contract: MyContract; onRenewed: (r: MyContract) => void }) {
  const { t } = useTranslation();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offer = c.renewal!;
  const renew = async () => {
    setBusy(true);
    setError(null);
    try {
      onRenewed(await renewMyContract(c.id, { version: c.version, acceptTerms: agreed }));
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };
  return (
    <div className="renew-offer">
      <p>{t('contracts.renewOffer', { price: money(offer.priceFen, offer.currency), from: date(offer.startsOn), to: date(offer.endsOn) })}</p>
      <label>
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} /> {t('contracts.renewTerms')}
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="button" disabled={!agreed || busy} onClick={renew}>
        {t('contracts.renewButton')}
      </button>
    </div>
  );
}
