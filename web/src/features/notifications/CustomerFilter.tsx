import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../shared/ui';
import { searchCustomers, type Customer } from '../customers/api';

export type PickedCustomer = { id: string; name: string; number: string };

/**
 * The outbox's customer filter: found by name or phone, then picked, so the list shows that
 * customer's messages whatever number or address they went to (a phone shared in a family
 * would otherwise mix two customers' messages).
 */
export function CustomerFilter({ picked, onPick }: { picked: PickedCustomer | null; onPick: (c: PickedCustomer | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Customer[] | null>(null);
  const [failed, setFailed] = useState(false);

  async function find() {
    if (!text.trim()) return;
    setFailed(false);
    try {
      setFound((await searchCustomers({ q: text.trim(), limit: 8 })).items);
    } catch {
      setFailed(true);
    }
  }

  if (picked) {
    return (
      <div className="field">
        <span>{t('outbox.customer')}</span>
        <div>
          <strong>{picked.name}</strong> <span className="muted">{picked.number}</span>{' '}
          <button type="button" onClick={() => onPick(null)}>
            {t('outbox.clearCustomer')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div>
      <Field label={t('outbox.customer')} hint={t('outbox.customerHint')} error={failed ? t('outbox.customerSearchFailed') : undefined}>
        {(p) => (
          <input
            {...p}
            type="search"
            value={text}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Enter looks the customer up; it does not submit the filters with a half-typed name.
              if (e.key === 'Enter') {
                e.preventDefault();
                void find();
              }
            }}
          />
        )}
      </Field>
      <button type="button" onClick={() => void find()}>
        {t('outbox.findCustomer')}
      </button>
      {found ? (
        found.length === 0 ? (
          <p className="muted">{t('outbox.noCustomer')}</p>
        ) : (
          <ul className="plain" aria-label={t('outbox.customerResults')}>
            {found.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => {
                    onPick({ id: c.id, name: c.name, number: c.number });
                    setFound(null);
                    setText('');
                  }}
                >
                  {c.name} · {c.number}
                  {c.phones[0] ? ` · ${c.phones[0].phone}` : ''}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
