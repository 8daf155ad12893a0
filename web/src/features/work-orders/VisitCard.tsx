import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge, useLoad } from '../../shared/ui';
import { timeWindow } from '../../shared/format';
import { getCustomer } from '../customers/api';
import { navigationLink, revealContact, type Order } from './api';

/**
 * The visit as a technician needs it on the way: who, where, when, a call and directions. The
 * phone number stays masked until the technician taps to call (the reveal is audited, as on the
 * desk), then the tap opens the phone's dialler with it.
 */
export function VisitCard({ order: o, headingLevel = 2, linkToOrder = false }: { order: Order; headingLevel?: 2 | 3; linkToOrder?: boolean }) {
  const { t } = useTranslation();
  const extra = useLoad(async () => {
    const [customer, nav] = await Promise.all([getCustomer(o.customerId).catch(() => null), navigationLink(o.id).catch(() => null)]);
    return { customer, nav };
  }, [o.id, o.customerId, o.address.street]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const a = o.address;
  return (
    <section className="card visit-card" aria-labelledby={`visit-${o.id}`} data-visit={o.id}>
      <Heading id={`visit-${o.id}`}>
        {extra.data?.customer?.name ?? t('visit.customer')} <StatusBadge status={o.status} />
      </Heading>
      <p className="visit-address">
        {a.province} {a.city} {a.district} {a.street}
        {a.approximate && <span className="badge"> {t('edit.approximate')}</span>}
      </p>
      <p className="visit-window">
        <strong>{o.appointmentFrom ? timeWindow(o.appointmentFrom, o.appointmentTo) : t('today.notBooked')}</strong>
      </p>
      <p>{o.symptom}</p>
      <div className="visit-actions">
        <CallButton order={o} />
        {extra.data?.nav && (
          <a className="button" href={extra.data.nav.url} target="_blank" rel="noopener noreferrer" data-nav-app={extra.data.nav.app}>
            {t('visit.navigate', { app: t(`visit.app.${extra.data.nav.app}`) })}
          </a>
        )}
        {linkToOrder && (
          <Link className="button primary" to={`/app/orders/${o.id}`}>
            {t('visit.open', { number: o.number })}
          </Link>
        )}
      </div>
    </section>
  );
}

/** Tap to call: the first tap reveals the number (audited) and turns into the tel: link, which the second tap dials. */
export function CallButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  if (phone)
    return (
      <a ref={link} className="button primary" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
        {t('visit.callNumber', { phone })}
      </a>
    );
  return (
    <>
      <button
        type="button"
        className="primary"
        onClick={async () => {
          try {
            setPhone((await revealContact(order.id)).contactPhone);
            setTimeout(() => link.current?.focus(), 0);
          } catch {
            setFailed(true);
          }
        }}
      >
        {t('visit.call', { phone: order.contactPhone })}
      </button>
      {failed && <span role="alert">{t('visit.callFailed')}</span>}
    </>
  );
}
