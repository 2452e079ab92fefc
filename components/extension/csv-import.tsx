'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxField, FormError } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import type { CsvImportAnswer } from '@/lib/next/csv-import-route';
import { CsvImportReport } from './csv-import-report';
import { GeneratedSecrets } from './generated-secrets';
import { uploadFile } from './upload-file';
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE } from '@/lib/domain/import/limits';


type Busy = { label: string; fraction: number | null };
type Step = { kind: 'pick' } | { kind: 'checked'; report: CsvImportAnswer } | { kind: 'created'; report: CsvImportAnswer };

/**
 * Pick a CSV, upload it to be checked (nothing written), read the per-line report, then create
 * the extensions from the same file: all or nothing. The secrets generated come back once.
 */
export function CsvImport({ tenant }: { tenant: { slug: string; sipDomain: string } }) {
  const [file, setFile] = useState<File | null>(null);
  const [skipExisting, setSkipExisting] = useState(false);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string>();
  const [step, setStep] = useState<Step>({ kind: 'pick' });

  async function send(mode: 'check' | 'create', chosen: File) {
    setError(undefined);
    if (chosen.size > MAX_UPLOAD_BYTES) return setError(TOO_LARGE_MESSAGE);
    const working = mode === 'check' ? 'Checking the file…' : 'Creating the extensions…';
    setBusy({ label: 'Uploading', fraction: 0 });
    const query = new URLSearchParams({ name: chosen.name, ...(skipExisting ? { skipExisting: '1' } : {}) });
    try {
      const answer = await uploadFile<CsvImportAnswer>(`/tenants/${tenant.slug}/extensions/import/${mode}?${query}`, chosen, (fraction) =>
        setBusy(fraction < 1 ? { label: 'Uploading', fraction } : { label: working, fraction: null }),
      );
      if (answer.status !== 200 || !answer.body) return setError(answer.body?.message ?? `The server answered ${answer.status}. Try again.`);
      const report = answer.body;
      setStep(mode === 'create' && report.outcome === 'done' ? { kind: 'created', report } : { kind: 'checked', report });
      if (mode === 'create' && report.outcome !== 'done') setError('Nothing was created: the file has errors now (see below). Fix them and check the file again.');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  if (step.kind === 'created') {
    const { counts, secrets } = step.report;
    return (
      <div className="max-w-3xl space-y-4">
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm font-semibold text-green-800 ring-1 ring-inset ring-green-200">
          Created {counts.created.toLocaleString('en')} extension{counts.created === 1 ? '' : 's'}
          {counts.skipped ? ` (${counts.skipped.toLocaleString('en')} skipped: already present)` : ''}.
        </p>
        {secrets.length > 0 && <GeneratedSecrets secrets={secrets} domain={tenant.sipDomain} />}
        <Link href={`/tenants/${tenant.slug}`} className="inline-block text-sm font-semibold text-indigo-600 hover:underline">
          Back to the extensions
        </Link>
      </div>
    );
  }

  const report = step.kind === 'checked' ? step.report : null;
  const ready = report && report.outcome === 'done' && report.counts.valid > 0;
  return (
    <div className="max-w-3xl space-y-5">
      <Form
        className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return setError('Choose a CSV file first.');
          void send('check', file);
        }}
      >
        <div className="space-y-1">
          <label htmlFor="csv-file" className="block text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-indigo-700 hover:file:bg-indigo-100"
            // Choosing the same (fixed) file again must count as a new choice.
            onClick={(e) => (e.currentTarget.value = '')}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setStep({ kind: 'pick' });
              setError(undefined);
            }}
          />
          <p className="text-xs text-slate-500">UTF-8, comma-separated, at most 20 MiB; the first line names the columns.</p>
        </div>
        <CheckboxField
          label="Skip numbers that already exist"
          hint="Otherwise a number the tenant already has is an error."
          checked={skipExisting}
          onChange={(e) => {
            setSkipExisting(e.target.checked);
            setStep({ kind: 'pick' });
          }}
        />
        <Button type="submit" pending={!!busy && step.kind === 'pick'} disabled={!!busy}>
          Upload and check
        </Button>
      </Form>

      {busy && (
        <div role="status" className="space-y-1">
          <p className="text-sm text-slate-700">
            {busy.label}
            {busy.fraction !== null && ` ${Math.round(busy.fraction * 100)}%`}
          </p>
          <progress aria-label="Upload progress" max={1} value={busy.fraction ?? undefined} className="h-2 w-full max-w-md" />
        </div>
      )}
      <FormError message={error} />

      {report && (
        <div className="space-y-4">
          <CsvImportReport report={report} />
          {ready ? (
            <Button type="button" pending={!!busy} onClick={() => file && send('create', file)}>
              Create {report.counts.valid.toLocaleString('en')} extension{report.counts.valid === 1 ? '' : 's'}
            </Button>
          ) : report.counts.errors || report.unreadable ? (
            <p className="text-sm text-slate-700">Nothing can be created while the file has errors. Fix the lines listed above, then upload the file again.</p>
          ) : (
            <p className="text-sm text-slate-700">Nothing to create: the file has no extension the tenant does not have yet.</p>
          )}
        </div>
      )}
    </div>
  );
}
