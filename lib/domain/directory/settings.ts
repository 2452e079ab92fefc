import type { Tx } from '../../db/client.ts';
import { AppError, validationError } from '../../errors.ts';
import type { Directory } from '../../generated/prisma/client.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import type { DirectoryConnection, DirectoryQuery } from './gateway.ts';
import type { NumberRule } from './number-rule.ts';
import { directoryInput, type DirectoryInput } from './schemas.ts';
import { openSecret, sealSecret } from './secret-box.ts';

/** Settings as every door shows them: never the bind password, only whether one is stored. */
export type DirectorySettingsView = Omit<Directory, 'bindPasswordSealed'> & { hasBindPassword: true };

export async function getDirectorySettings(ctx: Ctx, tenantRef: string): Promise<DirectorySettingsView | null> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  const row = await db.directory.findUnique({ where: { tenantId: tenant.id } });
  return row ? { ...row, hasBindPassword: true } : null;
}

/** Creates or changes a tenant's directory settings; a blank password keeps the stored one. */
export async function saveDirectorySettings(ctx: Ctx, tenantRef: string, input: DirectoryInput): Promise<DirectorySettingsView> {
  const values = parseInput(directoryInput, input);
  return dbOf(ctx).$transaction(async (tx) => {
    const tenant = await findTenant(tx, ctx.actor, tenantRef, 'write');
    const before = await tx.directory.findUnique({ where: { tenantId: tenant.id } });
    const { bindPassword, ...fields } = values;
    if (!before && !bindPassword) throw validationError({ bindPassword: ['is required'] });
    const data = {
      ...fields,
      caCert: fields.caCert ?? null,
      groupDn: fields.groupDn ?? null,
      numberDigits: fields.numberDigits ?? null,
      numberPattern: fields.numberPattern ?? null,
      disabledAttribute: fields.disabledAttribute ?? null,
      disabledValue: fields.disabledValue ?? null,
      scheduleMinutes: fields.scheduleMinutes ?? null,
      ...(bindPassword ? { bindPasswordSealed: sealSecret(bindPassword, tenant.id) } : {}),
    };
    const row = before
      ? await tx.directory.update({ where: { tenantId: tenant.id }, data })
      : await tx.directory.create({ data: { ...data, tenantId: tenant.id, bindPasswordSealed: data.bindPasswordSealed! } });
    const { bindPasswordSealed: _b, ...shown } = row as Directory;
    await recordAudit(tx, ctx.actor, {
      action: before ? 'directory.update' : 'directory.create',
      tenantId: tenant.id,
      targetType: 'directory',
      targetId: tenant.id,
      targetLabel: fields.url,
      before: before ? auditView(before) : null,
      after: { ...auditView(row), bindPasswordChanged: !!bindPassword },
    });
    return { ...shown, hasBindPassword: true };
  });
}

const auditView = (d: Omit<Directory, 'bindPasswordSealed'> & { bindPasswordSealed?: string }) => {
  const { bindPasswordSealed: _p, createdAt: _c, updatedAt: _u, caCert, ...rest } = d;
  return { ...rest, caCert: caCert ? 'set' : null };
};

/** Connection and query of a tenant's directory, the password opened: for the sync only. */
export async function loadDirectory(tx: Tx, tenantId: string): Promise<{ conn: DirectoryConnection; query: DirectoryQuery; settings: Directory }> {
  const row = await tx.directory.findUnique({ where: { tenantId }, omit: { bindPasswordSealed: false } });
  if (!row) throw new AppError('not_found', 'This tenant has no directory settings yet');
  const conn = { url: row.url, startTls: row.startTls, allowPlain: row.allowPlain, caCert: row.caCert, bindDn: row.bindDn, bindPassword: openSecret(row.bindPasswordSealed, tenantId) };
  const numberRule: NumberRule =
    row.numberRule === 'regex' ? { kind: 'regex', pattern: row.numberPattern ?? '' } : row.numberRule === 'last_digits' ? { kind: 'last_digits', count: row.numberDigits ?? 4 } : { kind: 'digits' };
  const query: DirectoryQuery = {
    baseDn: row.baseDn,
    userFilter: row.userFilter,
    groupDn: row.groupDn,
    mapping: {
      numberAttribute: row.numberAttribute, numberRule, nameAttribute: row.nameAttribute, emailAttribute: row.emailAttribute,
      loginAttribute: row.loginAttribute, idAttribute: row.idAttribute, disabledMode: row.disabledMode as 'uac' | 'attribute' | 'none',
      disabledAttribute: row.disabledAttribute, disabledValue: row.disabledValue,
    },
  };
  return { conn, query, settings: row };
}
