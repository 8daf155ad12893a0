import { useTranslation } from 'react-i18next';
import { useLoad } from '../../shared/ui';
import { named } from '../../shared/format';
import { listCategories } from '../catalog/api';

export function SkillsField({ value, error, onChange }: { value: string[]; error?: string; onChange: (skills: string[]) => void }) {
  const { t } = useTranslation();
  const categories = useLoad(() => listCategories().then((r) => r.items), []);
  return (
    <fieldset className="choices">
      <legend>{t('network.skills')}</legend>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {categories.data?.map((c) => (
        <label key={c.id} className="choice">
          <input type="checkbox" checked={value.includes(c.code)} onChange={(e) => onChange(e.target.checked ? [...value, c.code] : value.filter((s) => s !== c.code))} /> {named(c)} ({c.code})
        </label>
      ))}
    </fieldset>
  );
}

/** One technician: status, skills, weekly shifts and daily limit; absences; certifications. */
