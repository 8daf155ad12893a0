import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Async, Empty, Pager, useLoad } from '../../shared/ui';
import { dateTime, pick } from '../../shared/format';
import { listOutbox } from './api';

const limit = 25;

/** Messages to customers, as written in the same transaction as the change that made them. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const state = useLoad(() => listOutbox({ limit, offset }), [offset]);
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('outbox.title')}</h1>
      <Async state={state}>
        {(page) =>
          page.total === 0 ? (
            <Empty>{t('outbox.none')}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('outbox.at')}</th>
                      <th scope="col">{t('outbox.to')}</th>
                      <th scope="col">{t('outbox.template')}</th>
                      <th scope="col">{t('outbox.body')}</th>
                      <th scope="col">{t('outbox.sent')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((m) => (
                      <tr key={m.id}>
                        <td>{dateTime(m.createdAt)}</td>
                        <td>{m.recipient}</td>
                        <td>{m.template}</td>
                        <td>{pick({ zh: m.bodyZh, en: m.bodyEn })}</td>
                        <td>{m.sentAt ? dateTime(m.sentAt) : t('outbox.waiting')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager total={page.total} limit={limit} offset={offset} onOffset={setOffset} />
            </>
          )
        }
      </Async>
    </section>
  );
}
