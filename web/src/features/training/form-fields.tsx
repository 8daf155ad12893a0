// The small form parts the training managers' forms share.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, useFormErrors } from '../../shared/ui';

export function useSubmit(send: () => Promise<unknown>, onDone: () => void) {
  const errors = useFormErrors();
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.setError(null);
    setSaved(false);
    try {
      await send();
      setSaved(true);
      onDone();
    } catch (err) {
      errors.setError(err);
    }
  }
  return { errors, saved, submit };
}

export function Saved({ saved }: { saved: boolean }) {
  const { t } = useTranslation();
  return saved ? (
    <p className="saved" role="status">
      {t('training.saved')}
    </p>
  ) : null;
}

export function TextField({ name, label, value, errors, onChange, required = true }: { name: string; label: string; value: string; errors: ReturnType<typeof useFormErrors>; onChange: (v: string) => void; required?: boolean }) {
  return (
    <Field label={label} error={errors.fieldError(name)} required={required}>
      {(p) => <input {...p} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function ChoiceField({ label, error, value, onChange, choices }: { label: string; error: string | undefined; value: string; onChange: (v: string) => void; choices: { id: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <Field label={label} error={error} required>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('field.choose')}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
