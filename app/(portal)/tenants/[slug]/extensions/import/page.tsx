import type { Metadata } from 'next';
import Link from 'next/link';
import { CsvImport } from '@/components/extension/csv-import';
import { Forbidden } from '@/components/portal/forbidden';
import { PageHeader } from '@/components/portal/page-header';
import { getDb } from '@/lib/db/client';
import { assertTenantAccess } from '@/lib/domain/actor';
import { IMPORT_COLUMNS } from '@/lib/domain/import/columns';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { isAppError } from '@/lib/errors';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Import extensions' };

export default async function ImportExtensionsPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireActor();
  const { slug } = await params;
  const tenant = await loadOr404(getTenant({ actor, db: getDb() }, slug));
  try {
    assertTenantAccess(actor, tenant.id, 'write');
  } catch (err) {
    if (isAppError(err) && err.code === 'forbidden') return <Forbidden message={err.message} />;
    throw err;
  }
  return (
    <>
      <PageHeader
        title="Import extensions from CSV"
        subtitle={
          <>
            into <Link href={`/tenants/${tenant.slug}`} className="text-indigo-600 hover:underline">{tenant.name}</Link>
          </>
        }
      />
      <div className="mb-5 max-w-3xl space-y-2 text-sm text-slate-700">
        <p>
          The first line names the columns:{' '}
          {IMPORT_COLUMNS.map((c, i) => (
            <span key={c}>
              <code className="font-mono text-xs">{c}</code>
              {i < IMPORT_COLUMNS.length - 1 ? ', ' : '.'}
            </span>
          ))}{' '}
          Only <code className="font-mono text-xs">number</code> and <code className="font-mono text-xs">name</code> are required; flags take yes/no, true/false or 1/0.
        </p>
        <p>
          Without a password an extension gets a generated SIP secret; <code className="font-mono text-xs">voicemail</code> yes without a PIN gets a generated PIN. Both
          are shown once, after the import. The file is checked first, line by line; nothing is written until you confirm, and then all lines are written or none.{' '}
          <a href={`/tenants/${tenant.slug}/extensions/export`} className="font-semibold text-indigo-600 hover:underline">
            An export of this tenant
          </a>{' '}
          has the same columns.
        </p>
      </div>
      <CsvImport tenant={{ slug: tenant.slug, sipDomain: tenant.sipDomain }} />
    </>
  );
}
