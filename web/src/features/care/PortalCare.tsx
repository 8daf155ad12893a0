import { useTranslation } from 'react-i18next';
import { Async, Empty, useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import { myConsents, myInbox, readMessage, updateMyConsents } from './api';

/** In the portal: the customer's messages (inbox) and their consent switches. */
export function PortalCare() {
  const { t } = useTranslation();
  const inbox = useLoad(() => myInbox(), []);
  const consents = useLoad(() => myConsents(), []);
  return (
    <>
      <section className="card" aria-labelledby="my-messages">
        <h2 id="my-messages">{t('care.myMessages')}</h2>
        <Async state={inbox}>
          {(m) =>
            m.items.length === 0 ? (
              <Empty>{t('care.noMessages')}</Empty>
            ) : (
              <ul>
                {m.items.map((x) => (
                  <li key={x.id} className={x.read ? 'muted' : undefined}>
                    <strong>{x.title}</strong> · {dateTime(x.createdAt)}
                    <p>{x.body}</p>
                    {!x.read && (
                      <button type="button" onClick={() => void readMessage(x.id).then(inbox.reload)}>
                        {t('care.markRead')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </section>
      <section className="card" aria-labelledby="my-consents">
        <h2 id="my-consents">{t('care.myConsents')}</h2>
        <Async state={consents}>
          {(c) => (
            <ul>
              {c.items
                .filter((i) => i.purpose !== 'service')
                .map((i) => (
                  <li key={`${i.channel}:${i.purpose}`}>
                    <label>
                      <input type="checkbox" checked={i.granted} onChange={(e) => void updateMyConsents([{ ...i, granted: e.target.checked }]).then(consents.reload)} /> {t(`careChannel.${i.channel}`)} · {t(`carePurpose.${i.purpose}`)}
                    </label>
                  </li>
                ))}
            </ul>
          )}
        </Async>
      </section>
    </>
  );
}
