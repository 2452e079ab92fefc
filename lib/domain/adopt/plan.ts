/**
 * The adoption plan: for every selected endpoint, adopt, skip (with why) or conflict (with why),
 * what would be written, and what an operator should know. Pure: the loaders bring the facts.
 */
import { z } from 'zod';
import { numberProblems } from '../extension/rules.ts';
import type { EndpointFacts, MailboxFacts } from './load-endpoints.ts';
import { mailboxCandidates } from './load-endpoints.ts';
import { cleanName, mailboxKey, md5OnlyChallenges, nameFromCallerId, numberFromId, onlyOurSetVar } from './rules.ts';

export type PlanAction = 'adopt' | 'skip' | 'conflict';

export type PlanItem = {
  endpointId: string;
  action: PlanAction;
  /** Why it is skipped or in conflict. */
  reasons: string[];
  /** Adopted all the same, but worth knowing. */
  warnings: string[];
  /** What the adoption writes to Asterisk's rows (nothing unless an option asks). */
  changes: string[];
  number: string | null;
  displayName: string;
  email: string | null;
  context: string | null;
  authId: string | null;
  aorId: string | null;
  active: boolean;
  maxContacts: number;
  /** The voicemail box the extension takes over. */
  voicemail: { id: number; box: string } | null;
  registrations: number;
  /** The auth's plaintext password becomes an md5 digest of this realm. */
  digestRealm: string | null;
  setContext: boolean;
};

export type PlanTenant = { id: string; slug: string; context: string; sipDomain: string; extensionLength: number; defaultCountry: string };
export type PlanOptions = { numberFrom?: RegExp; convertSecrets: boolean; setContext: boolean };
export type PlanFacts = {
  endpoints: EndpointFacts[];
  /** Ids asked for by name that no endpoint has. */
  missing: string[];
  mailboxes: Map<string, MailboxFacts>;
  /** Numbers the tenant's extensions already have. */
  tenantNumbers: Set<string>;
};

const MAX_CONTACTS = 10; // sb_extensions.max_contacts
const email = z.email().max(254);

export function planItems(tenant: PlanTenant, facts: PlanFacts, options: PlanOptions): PlanItem[] {
  const items = facts.endpoints.map((e) => planOne(tenant, e, facts, options));
  for (const id of facts.missing) items.push({ ...blank(id), action: 'conflict', reasons: ['no endpoint has this id'] });
  // Two endpoints of one selection may read as one number (`1001` and `acme-1001`).
  const byNumber = new Map<string, PlanItem[]>();
  for (const i of items) if (i.action !== 'skip' && i.number) byNumber.set(i.number, [...(byNumber.get(i.number) ?? []), i]);
  for (const [number, same] of byNumber)
    if (same.length > 1)
      for (const i of same) {
        i.action = 'conflict';
        i.reasons.push(`number ${number} is also read from ${same.filter((o) => o !== i).map((o) => o.endpointId).join(', ')}`);
      }
  // Only what is adopted is changed: a conflict or a skip leaves its rows as they are.
  for (const i of items) if (i.action !== 'adopt') Object.assign(i, { changes: [], digestRealm: null, setContext: false });
  return items.sort((a, b) => (a.endpointId < b.endpointId ? -1 : a.endpointId > b.endpointId ? 1 : 0));
}

const blank = (id: string): PlanItem => ({
  endpointId: id, action: 'adopt', reasons: [], warnings: [], changes: [], number: null, displayName: id.slice(0, 80), email: null,
  context: null, authId: null, aorId: null, active: true, maxContacts: 1, voicemail: null, registrations: 0, digestRealm: null, setContext: false,
});

function planOne(tenant: PlanTenant, e: EndpointFacts, facts: PlanFacts, options: PlanOptions): PlanItem {
  const item: PlanItem = { ...blank(e.id), context: e.context, registrations: e.registrations, authId: e.authIds[0] ?? null, aorId: e.aorIds[0] ?? null };
  item.number = numberFromId(e.id, options.numberFrom);
  if (e.owner) return skip(item, `already extension ${e.owner.number} of tenant ${e.owner.tenantSlug}`);
  if (e.trunkOf.length) return skip(item, `the outbound trunk of ${e.trunkOf.join(', ')}`);
  if (e.trunkSigns.length) return skip(item, `looks like a trunk: ${e.trunkSigns.join('; ')}`);

  const conflicts = item.reasons;
  if (!item.number) conflicts.push(options.numberFrom ? 'the number pattern finds no number in this id' : 'no digits in the id to read a number from (give a number pattern)');
  else {
    for (const p of numberProblems(item.number, tenant)) conflicts.push(`number ${item.number} ${p}`);
    if (facts.tenantNumbers.has(item.number)) conflicts.push(`number ${item.number} is already an extension of ${tenant.slug}`);
  }
  checkAuth(e, conflicts);
  checkAor(e, conflicts);

  const box = findMailbox(e, item.number, facts.mailboxes);
  if (box?.linked) item.warnings.push(`mailbox ${mailboxKey(box)} already belongs to another extension: not taken over`);
  else if (box) item.voicemail = { id: box.uniqueid, box: mailboxKey(box) };
  else if (e.mailboxes) item.warnings.push(`mailboxes names ${e.mailboxes}, which is not in the voicemail table: the extension starts without a mailbox`);

  item.displayName = nameFromCallerId(e.callerid) ?? cleanName(box?.fullname) ?? item.displayName;
  const mail = box?.email?.trim().toLowerCase();
  item.email = mail && email.safeParse(mail).success ? mail : null;

  const max = e.aor?.maxContacts ?? 0;
  item.active = max > 0;
  item.maxContacts = Math.min(Math.max(max, 1), MAX_CONTACTS);
  if (e.aor && max <= 0) item.warnings.push('max_contacts is 0, so the AOR refuses every REGISTER: adopted as an inactive extension');
  if (max > MAX_CONTACTS) item.warnings.push(`max_contacts ${max} is more than an extension may have: recorded as ${MAX_CONTACTS}, and the AOR keeps ${max} until the extension is edited`);

  secretPlan(tenant, e, item, options);
  contextPlan(tenant, e, item, options);
  if (!onlyOurSetVar(e.setVar))
    item.warnings.push(`set_var "${e.setVar}" is replaced by Switchboard's caller-ID variable when the extension or the tenant's caller ID changes`);
  if (conflicts.length) item.action = 'conflict';
  return item;
}

const skip = (item: PlanItem, reason: string): PlanItem => ({ ...item, action: 'skip', reasons: [reason] });

function checkAuth(e: EndpointFacts, conflicts: string[]) {
  const [id] = e.authIds;
  if (!id) return void conflicts.push('no auth (ps_endpoints.auth is empty): a phone without credentials cannot be adopted');
  if (e.authIds.length > 1) return void conflicts.push(`several auths (${e.authIds.join(', ')}): an extension has one`);
  if (!e.auth) return void conflicts.push(`its auth ${id} does not exist in ps_auths`);
  if (e.auth.owned) conflicts.push(`its auth ${id} belongs to an extension already`);
  else if (e.auth.users > 1) conflicts.push(`its auth ${id} is shared by ${e.auth.users} endpoints`);
  if (!e.auth.username) conflicts.push(`its auth ${id} has no username, so Asterisk cannot load it`);
}

function checkAor(e: EndpointFacts, conflicts: string[]) {
  const [id] = e.aorIds;
  if (!id) return void conflicts.push('no AOR (ps_endpoints.aors is empty): the phone cannot register');
  if (e.aorIds.length > 1) return void conflicts.push(`several AORs (${e.aorIds.join(', ')}): an extension has one`);
  if (!e.aor) return void conflicts.push(`its AOR ${id} does not exist in ps_aors`);
  if (e.aor.owned) conflicts.push(`its AOR ${id} belongs to an extension already`);
  else if (e.aor.users > 1) conflicts.push(`its AOR ${id} is shared by ${e.aor.users} endpoints`);
}

function findMailbox(e: EndpointFacts, number: string | null, boxes: Map<string, MailboxFacts>): MailboxFacts | null {
  for (const key of mailboxCandidates(e, number)) {
    const box = boxes.get(mailboxKey(key));
    if (box) return box;
  }
  return null;
}

/**
 * A plaintext password can become `md5_cred` = MD5(username:realm:password): Asterisk checks the
 * phone's answer against either the same way. Not when the auth also offers other algorithms
 * (their digests would have to be made too) or holds password_digest (made with some realm).
 */
function secretPlan(tenant: PlanTenant, e: EndpointFacts, item: PlanItem, options: PlanOptions) {
  const a = e.auth;
  if (!a) return;
  const plaintext = (a.type === null || a.type === 'userpass') && a.hasPassword;
  if (!plaintext) {
    if (!a.hasPassword && !a.hasMd5Cred && !a.hasPasswordDigest) item.warnings.push(`its auth ${a.id} has neither a password nor a digest: the phone cannot register`);
    return;
  }
  if (!options.convertSecrets) return void item.warnings.push(`its auth ${a.id} stores the password in plaintext (convertible to an md5 digest)`);
  if (a.hasPasswordDigest) return void item.warnings.push(`plaintext password kept: its auth ${a.id} also has password_digest, convert it by hand`);
  if (!md5OnlyChallenges(a.algorithms)) return void item.warnings.push(`plaintext password kept: its auth ${a.id} also challenges with ${a.algorithms}`);
  item.digestRealm = a.realm || tenant.sipDomain;
  item.changes.push(`password becomes an md5 digest (realm ${item.digestRealm})`);
  // Without a realm Asterisk challenges with its global default_realm, which pjsip.conf may set;
  // the digest must bind the realm the phone is challenged with, so the auth gets one.
  if (!a.realm) item.changes.push(`realm set to ${tenant.sipDomain} (it had none; phones answer whatever realm they are challenged with)`);
}

function contextPlan(tenant: PlanTenant, e: EndpointFacts, item: PlanItem, options: PlanOptions) {
  if (options.setContext) {
    item.setContext = true;
    item.changes.push(`context ${e.context ?? '(none)'} becomes ${tenant.context}, with the tenant's accountcode, tenantid and caller ID`);
    return;
  }
  if (e.context !== tenant.context)
    item.warnings.push(`context ${e.context ?? '(none)'} is not the tenant's (${tenant.context}): calls from this phone do not reach the tenant's dialplan or Switchboard's call rules until its context is set`);
}

export const countItems = (items: PlanItem[]) => ({
  adopt: items.filter((i) => i.action === 'adopt').length,
  skip: items.filter((i) => i.action === 'skip').length,
  conflict: items.filter((i) => i.action === 'conflict').length,
});
