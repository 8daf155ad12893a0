import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../../shared/session';

/** The promise pages' own navigation: the report for everyone who may read it, settings for managers. */
export function PromiseTabs() {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can('promises.manage')) return null;
  return (
    <nav className="tabs" aria-label={t('promiseReport.sections')}>
      <NavLink to="/app/promises" end>
        {t('promiseReport.title')}
      </NavLink>
      <NavLink to="/app/promises/settings">{t('promiseSettings.title')}</NavLink>
    </nav>
  );
}
