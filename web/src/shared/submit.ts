import { useState, type FormEvent } from 'react';
import { useFormErrors } from './ui';

/** A form's send: busy while it runs, the server's field messages kept, `onDone` when it went through. */
export function useSubmit(send: () => Promise<unknown>, onDone: () => void) {
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    errors.setError(null);
    try {
      await send();
      onDone();
    } catch (err) {
      errors.setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { ...errors, busy, submit };
}
