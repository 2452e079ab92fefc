import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { ActionError } from '@/lib/next/action';

/** Puts a server answer's field errors onto the form's fields, and returns the general message. */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, res: ActionError): string | undefined {
  const fields = Object.entries(res.fieldErrors ?? {});
  for (const [name, messages] of fields) form.setError(name as Path<T>, { type: 'server', message: messages[0] });
  return fields.length ? undefined : res.message;
}
