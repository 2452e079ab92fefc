import { isUniqueViolation } from '../../db/errors.ts';
import type { Tx } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import type { Extension as ExtensionRow, Tenant } from '../../generated/prisma/client.ts';
import type { Actor } from '../actor.ts';

/** An extension row as queries return it (its unseen secret is never loaded). */
type Extension = Omit<ExtensionRow, 'pendingSecretSealed'>;
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { adoptedAorPatch, adoptedEndpointPatch } from '../adopt/rows.ts';
import { aorRow, authRow, endpointRow, hasOwnSipShape, mailboxFor, sipId, voicemailRow, type ExtensionSip } from '../sip/asterisk-rows.ts';
import { generateSecret } from '../sip/secret.ts';
import { callerIdChoiceOrThrow, callerIdNumberFor, loadTenantCallerIds } from './caller-id-rows.ts';
import { deleteContacts, deleteSipRows } from './delete-rows.ts';
import { findExtension } from './load.ts';
import { extensionUpdateRulesFor } from './rules.ts';
import { extensionUpdateInput, type ExtensionUpdateInput } from './schemas.ts';
import { extensionAuditView, toExtensionView, type ExtensionView } from './view.ts';

const IN_USE = 'is already in use in this tenant';

export type UpdatedExtension = {
  extension: ExtensionView;
  /** Set when a new number forced a new secret (digests hash the user name): shown once. */
  secret?: string;
};

/**
 * Changes an extension and its Asterisk rows together. A new number renames the endpoint, aor and
 * auth (and, with digest storage, needs a new secret, since the digest hashes the user name).
 * Deactivating sets max_contacts to 0 and drops current registrations, so the phone goes offline.
 */
export async function updateExtension(ctx: Ctx, id: string, input: ExtensionUpdateInput): Promise<UpdatedExtension> {
  parseInput(extensionUpdateInput, input); // shape first, so a bad body never costs a query
  try {
    return await dbOf(ctx).$transaction((tx) => updateExtensionIn(tx, ctx.actor, id, input));
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`Number ${IN_USE}`, { number: [IN_USE] });
    throw err;
  }
}

/** The same change inside the caller's transaction (a directory sync applies many in one). */
export async function updateExtensionIn(tx: Tx, actor: Actor, id: string, input: ExtensionUpdateInput): Promise<UpdatedExtension> {
  const ctx = { actor };
  const current = await findExtension(tx, ctx.actor, id, 'write');
  const { tenant } = current;
  const patch = parseInput(extensionUpdateRulesFor(tenant), input);
  const before = toExtensionView(current);
  const next = {
    number: patch.number ?? current.number,
    displayName: patch.displayName ?? current.displayName,
    email: patch.email === undefined ? current.email : patch.email,
    allowExternal: patch.allowExternal ?? current.allowExternal,
    active: patch.active ?? current.active,
    maxContacts: patch.maxContacts ?? current.maxContacts,
    adSynced: patch.adSynced ?? current.adSynced,
    adUsername: patch.adUsername === undefined ? current.adUsername : patch.adUsername,
    directoryId: patch.directoryId === undefined ? current.directoryId : patch.directoryId,
  };
  const renumber = next.number !== current.number;
  if (renumber) await assertNumberFree(tx, tenant, next.number);

  const callerIds = await loadTenantCallerIds(tx, tenant);
  const chosen = callerIdChoiceOrThrow(callerIds, patch.callerId);
  const callerIdDidId = chosen === undefined ? current.callerIdDidId : chosen;

  const voicemailId = await syncVoicemail(tx, tenant, current, next, patch.voicemailPin, renumber);
  const voicemailBox = voicemailId === null ? null : renumber ? renumberedBox(current.voicemailBox, next.number) : current.voicemailBox;
  const sip: ExtensionSip = { ...next, hasVoicemail: voicemailId !== null, callerIdNumber: callerIdNumberFor(callerIds, callerIdDidId), voicemailBox };
  let secret: string | undefined;
  const newId = sipId(next.number, tenant.sipDomain);
  if (renumber) {
    secret = await renumberSipRows(tx, tenant, current, sip);
  } else if (hasOwnSipShape(current, tenant.sipDomain)) {
    const { id: _e, ...endpoint } = endpointRow(tenant, sip);
    const { id: _a, ...aor } = aorRow(tenant, sip);
    await tx.psEndpoint.update({ where: { id: current.endpointId }, data: endpoint });
    await tx.psAor.update({ where: { id: current.aorId }, data: aor });
    if (current.active && !next.active) await deleteContacts(tx, [current.endpointId]);
  } else {
    // Adopted: its own context, transport and codecs stay. `mailboxes` changes only with the box.
    const mailbox = voicemailId === current.voicemailId ? undefined : voicemailId === null ? null : mailboxFor(next.number, tenant);
    await tx.psEndpoint.update({ where: { id: current.endpointId }, data: adoptedEndpointPatch(sip, mailbox) });
    await tx.psAor.update({ where: { id: current.aorId }, data: adoptedAorPatch(sip, mailbox) });
    if (current.active && !next.active) await deleteContacts(tx, [current.endpointId], [current.aorId]);
  }
  const row = await tx.extension.update({
    where: { id: current.id },
    data: {
      ...next,
      voicemailId,
      voicemailBox,
      callerIdDidId,
      // A new number makes the rows Switchboard's own; otherwise they keep their ids (adopted ones too).
      ...(renumber ? { endpointId: newId, authId: newId, aorId: newId } : {}),
      ...(secret ? { secretChangedAt: new Date() } : {}),
    },
  });
  const extension = toExtensionView(row);
  await recordAudit(tx, ctx.actor, {
    action: 'extension.update',
    tenantId: tenant.id,
    targetType: 'extension',
    targetId: row.id,
    targetLabel: row.endpointId,
    before: extensionAuditView(before),
    after: extensionAuditView(extension),
  });
  return { extension, ...(secret ? { secret } : {}) };
}

async function assertNumberFree(tx: Tx, tenant: Tenant, number: string) {
  const newId = sipId(number, tenant.sipDomain);
  const [ours, theirs] = await Promise.all([
    tx.extension.count({ where: { tenantId: tenant.id, number } }),
    tx.psEndpoint.count({ where: { id: newId } }),
  ]);
  if (ours || theirs) throw conflict(`Number ${IN_USE}`, { number: [IN_USE] });
}

/** undefined keeps the mailbox as it is, null removes it, a PIN creates or updates it. */
async function syncVoicemail(
  tx: Tx,
  tenant: Tenant,
  current: Extension,
  next: { number: string; displayName: string; email: string | null },
  pin: string | null | undefined,
  renumber: boolean,
): Promise<number | null> {
  if (pin === null) {
    if (current.voicemailId) await tx.voicemail.delete({ where: { uniqueid: current.voicemailId } });
    return null;
  }
  // Never the context: an adopted box keeps its own, where its messages are stored.
  const { password: _p, context: _c, ...details } = voicemailRow(tenant, next, '');
  if (current.voicemailId) {
    await tx.voicemail.update({
      where: { uniqueid: current.voicemailId },
      data: { ...details, ...(pin ? { password: pin } : {}), ...(renumber ? { mailbox: next.number } : {}) },
    });
    return current.voicemailId;
  }
  if (!pin) return null;
  const box = await tx.voicemail.create({ data: voicemailRow(tenant, next, pin), select: { uniqueid: true } });
  return box.uniqueid;
}

/** An adopted box is renamed in its own context, as syncVoicemail renames it. */
const renumberedBox = (box: string | null, number: string) => (box ? `${number}@${box.slice(box.indexOf('@') + 1)}` : null);

async function renumberSipRows(tx: Tx, tenant: Tenant, current: Extension, sip: ExtensionSip): Promise<string | undefined> {
  let secret: string | undefined;
  let auth;
  if (tenant.secretStorage === 'plaintext') {
    const old = await tx.psAuth.findUnique({ where: { id: current.authId }, select: { password: true } });
    auth = authRow(tenant, sip.number, old?.password ?? (secret = generateSecret()));
  } else {
    secret = generateSecret();
    auth = authRow(tenant, sip.number, secret);
  }
  await deleteSipRows(tx, [current], []);
  await tx.psEndpoint.create({ data: endpointRow(tenant, sip) });
  await tx.psAuth.create({ data: auth });
  await tx.psAor.create({ data: aorRow(tenant, sip) });
  return secret;
}
