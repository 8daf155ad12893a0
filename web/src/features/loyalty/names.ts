// Names for the ids a list carries (customers of leads and referrals), read once each with the
// customer's own read route; a referrer's code comes from their loyalty view.
import { useEffect, useState } from 'react';
import { getCustomer } from '../customers/api';
import { customerLoyalty } from './api';

export function useCustomerNames(ids: readonly string[]): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map((id) => getCustomer(id).then((c) => [id, `${c.name} · ${c.number}`] as const, () => [id, id.slice(0, 8)] as const))).then((pairs) => {
      if (live) setNames(new Map(pairs));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

export function useReferralCodes(ids: readonly string[]): Map<string, string | null> {
  const [codes, setCodes] = useState(new Map<string, string | null>());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map((id) => customerLoyalty(id).then((l) => [id, l.referralCode] as const, () => [id, null] as const))).then((pairs) => {
      if (live) setCodes(new Map(pairs));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return codes;
}
