import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLoad } from '../../shared/ui';
import { dateTime } from '../../shared/format';
import { portalSurvey } from './api';

/**
 * On the customer's order page in the portal: when a survey of the order is open, a card that opens
 * the one-time survey page (the same page the SMS link opens, made for a phone). Nothing otherwise.
 */
export function MySurvey({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => portalSurvey(orderId), [orderId]);
  const survey = state.data?.survey;
  if (!survey) return null;
  return (
    <section className="card" aria-labelledby={`survey-${orderId}`}>
      <h2 id={`survey-${orderId}`}>{t('survey.title')}</h2>
      <p className="muted">{t('survey.portalIntro', { until: dateTime(survey.expiresAt) })}</p>
      <Link className="button primary" to={`/survey#${survey.token}`}>
        {t('survey.answerNow')}
      </Link>
    </section>
  );
}
