'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { CheckboxField, FormError, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import { applyServerErrors } from '@/components/ui/server-errors';
import { useToast } from '@/components/ui/toast';
import { DIRECTORY_PRESETS, directoryInput, type DirectoryInput } from '@/lib/domain/directory/schemas';
import type { DirectoryTestResult } from '@/lib/domain/directory/test-directory';
import type { SaveDirectoryAction, TestDirectoryAction } from './directory-actions';
import { PRESET_LABEL, type PresetName } from './form-values';
import { TestResult } from './test-result';

function Group({ legend, children, note }: { legend: string; children: ReactNode; note?: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <legend className="px-1 font-semibold">{legend}</legend>
      {note && <p className="text-xs text-slate-500">{note}</p>}
      <div className="grid items-start gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

/**
 * The directory's settings. "Test connection" saves first, so what it tests is what a sync will
 * use. The bind password is write-only: the page never has it, and a blank one keeps the stored.
 */
export function DirectoryForm({
  defaults,
  preset: initialPreset,
  hasBindPassword: stored,
  save,
  test,
}: {
  defaults: DirectoryInput;
  preset: PresetName;
  hasBindPassword: boolean;
  save: SaveDirectoryAction;
  test: TestDirectoryAction;
}) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [result, setResult] = useState<DirectoryTestResult | null>(null);
  const [hasBindPassword, setHasBindPassword] = useState(stored);
  const [preset, setPreset] = useState<PresetName>(initialPreset);
  const form = useForm<DirectoryInput>({ resolver: zodResolver(directoryInput), defaultValues: defaults });
  const { errors } = form.formState;
  const [numberRule, disabledMode, allowPlain] = useWatch({ control: form.control, name: ['numberRule', 'disabledMode', 'allowPlain'] });

  const choosePreset = (name: PresetName) => {
    setPreset(name);
    for (const [field, value] of Object.entries(DIRECTORY_PRESETS[name])) form.setValue(field as keyof DirectoryInput, value, { shouldDirty: true });
  };

  // Both buttons store the settings; a stored password is never sent back, so the field empties.
  const submit = (kind: 'save' | 'test') =>
    form.handleSubmit(async (values) => {
      setError(undefined);
      setBusy(kind);
      try {
        if (kind === 'save') {
          const res = await save(values);
          if (!res.ok) return setError(applyServerErrors(form, res));
          toast('Directory settings saved');
        } else {
          setResult(null);
          const res = await test(values);
          if (!res.ok) return setError(applyServerErrors(form, res));
          setResult(res.data);
        }
        setHasBindPassword(true);
        form.resetField('bindPassword', { defaultValue: '' });
        router.refresh();
      } finally {
        setBusy(null);
      }
    });

  return (
    <Form className="space-y-5" onSubmit={submit('save')}>
      <FormError message={error} />
      <div className="max-w-xs">
        <SelectField
          label="Directory type"
          hint="Fills in the filter and attributes usual for this kind of directory; every field stays editable."
          value={preset}
          onChange={(e) => choosePreset(e.target.value as PresetName)}
        >
          {(Object.keys(PRESET_LABEL) as PresetName[]).map((p) => (
            <option key={p} value={p}>
              {PRESET_LABEL[p]}
            </option>
          ))}
        </SelectField>
      </div>

      <Group legend="Connection">
        <TextField label="URL" placeholder="ldaps://dc1.example.com" autoComplete="off" hint="ldaps://host[:port], or ldap://host[:port] with StartTLS." error={errors.url?.message} {...form.register('url')} />
        <div className="space-y-2 pt-6">
          <CheckboxField label="StartTLS" hint="Encrypt an ldap:// connection before signing in." {...form.register('startTls')} />
          <CheckboxField label="Allow plain ldap://" hint="Without TLS. Only for a directory on a network you trust." {...form.register('allowPlain')} />
          {errors.allowPlain?.message && (
            <p role="alert" className="text-sm text-red-600">
              {errors.allowPlain.message}
            </p>
          )}
          {allowPlain && (
            <p data-testid="plain-warning" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-inset ring-amber-200">
              Without StartTLS the bind password and every user&apos;s details cross the network readable.
            </p>
          )}
        </div>
        <div className="sm:col-span-2">
          <TextAreaField
            label="CA certificate"
            rows={4}
            spellCheck={false}
            className="font-mono text-xs"
            placeholder="-----BEGIN CERTIFICATE-----"
            hint="PEM. Only when the directory's certificate is signed by a private CA; blank trusts the usual public ones."
            error={errors.caCert?.message}
            {...form.register('caCert')}
          />
        </div>
        <TextField label="Bind DN" autoComplete="off" placeholder="CN=switchboard-sync,OU=Services,DC=example,DC=com" hint="A read-only service account." error={errors.bindDn?.message} {...form.register('bindDn')} />
        <TextField
          label="Bind password"
          type="password"
          autoComplete="new-password"
          placeholder={hasBindPassword ? 'stored — leave blank to keep' : ''}
          hint={hasBindPassword ? 'Stored encrypted; it is never shown. Type a new one to change it.' : 'Stored encrypted; it is never shown again.'}
          error={errors.bindPassword?.message}
          {...form.register('bindPassword')}
        />
      </Group>

      <Group legend="Users">
        <TextField label="Base DN" autoComplete="off" placeholder="OU=Staff,DC=example,DC=com" hint="Where the users are; the search includes every level below." error={errors.baseDn?.message} {...form.register('baseDn')} />
        <TextField label="User filter" autoComplete="off" error={errors.userFilter?.message} {...form.register('userFilter')} />
        <TextField label="Group DN" autoComplete="off" hint="Optional: only members of this group (nested groups count in Active Directory)." error={errors.groupDn?.message} {...form.register('groupDn')} />
      </Group>

      <Group legend="Attributes" note="Which attribute holds what. The number becomes the extension number under the rule.">
        <TextField label="Number attribute" autoComplete="off" error={errors.numberAttribute?.message} {...form.register('numberAttribute')} />
        <SelectField label="Number rule" error={errors.numberRule?.message} {...form.register('numberRule')}>
          <option value="digits">All its digits</option>
          <option value="last_digits">Last N digits</option>
          <option value="regex">Regular expression with a group</option>
        </SelectField>
        {numberRule === 'last_digits' && (
          <TextField label="Digits to keep" type="number" inputMode="numeric" min={1} max={10} hint="+1 (415) 555-1234 with 4 gives 1234." error={errors.numberDigits?.message} {...form.register('numberDigits')} />
        )}
        {numberRule === 'regex' && (
          <TextField label="Pattern" autoComplete="off" spellCheck={false} className="font-mono" hint="The first group (...) is the number, e.g. x(\d+)$" error={errors.numberPattern?.message} {...form.register('numberPattern')} />
        )}
        <TextField label="Name attribute" autoComplete="off" error={errors.nameAttribute?.message} {...form.register('nameAttribute')} />
        <TextField label="E-mail attribute" autoComplete="off" error={errors.emailAttribute?.message} {...form.register('emailAttribute')} />
        <TextField label="Login attribute" autoComplete="off" error={errors.loginAttribute?.message} {...form.register('loginAttribute')} />
        <TextField label="Id attribute" autoComplete="off" hint="Never changes for a user, even when renamed: objectGUID or entryUUID." error={errors.idAttribute?.message} {...form.register('idAttribute')} />
      </Group>

      <Group legend="Disabled users" note="A disabled user's extension is deactivated at once, and removed after the grace period.">
        <SelectField label="Disabled when" error={errors.disabledMode?.message} {...form.register('disabledMode')}>
          <option value="uac">userAccountControl says so (Active Directory)</option>
          <option value="attribute">An attribute has a value</option>
          <option value="none">Never (only leavers)</option>
        </SelectField>
        <div />
        {disabledMode === 'attribute' && (
          <>
            <TextField label="Disabled attribute" autoComplete="off" placeholder="employeeType" error={errors.disabledAttribute?.message} {...form.register('disabledAttribute')} />
            <TextField label="Disabled value" autoComplete="off" placeholder="disabled" error={errors.disabledValue?.message} {...form.register('disabledValue')} />
          </>
        )}
      </Group>

      <Group legend="Safety and schedule">
        <TextField label="Grace days" type="number" inputMode="numeric" min={0} hint="How long a leaver's extension stays, inactive, before it is removed." error={errors.graceDays?.message} {...form.register('graceDays')} />
        <TextField
          label="Maximum removal percent"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          hint="A sync that would deactivate or remove more of the synced extensions stops and asks."
          error={errors.maxRemovalPercent?.message}
          {...form.register('maxRemovalPercent')}
        />
        <TextField
          label="Sync every (minutes)"
          type="number"
          inputMode="numeric"
          min={5}
          hint="Blank: only when someone presses Sync now."
          error={errors.scheduleMinutes?.message}
          {...form.register('scheduleMinutes')}
        />
      </Group>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={busy === 'save'} disabled={!!busy}>
          Save settings
        </Button>
        <Button type="button" variant="secondary" pending={busy === 'test'} disabled={!!busy} onClick={submit('test')}>
          Test connection
        </Button>
      </div>
      {result && <TestResult result={result} />}
    </Form>
  );
}
