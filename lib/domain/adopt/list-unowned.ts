import { assertPlatformAdmin } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { loadEndpoints, loadMailboxes, mailboxCandidates } from './load-endpoints.ts';
import { globToLike, mailboxKey, numberFromId } from './rules.ts';
import { unownedFilter, type UnownedFilter } from './schemas.ts';

export type UnownedEndpoint = {
  id: string;
  context: string | null;
  callerid: string | null;
  /** The number the id reads as, by default (an adoption may read it otherwise). */
  number: string | null;
  /** The auth the endpoint names, and the row when it exists. */
  authId: string | null;
  auth: { type: string | null; username: string | null; plaintext: boolean; realm: string | null } | null;
  aorId: string | null;
  aor: { maxContacts: number | null } | null;
  registrations: number;
  /** `<mailbox>@<context>` of the voicemail row that goes with it, if any. */
  voicemail: string | null;
  /** Why it looks like a trunk rather than a phone; null for a phone. */
  trunk: string | null;
};

/**
 * The endpoints in Asterisk's tables that no extension owns (and that are not a tenant's
 * outbound trunk): what an operator's existing PBX brings. Platform admins only.
 */
export async function listUnowned(ctx: Ctx, filter: UnownedFilter = {}): Promise<{ items: UnownedEndpoint[]; total: number }> {
  assertPlatformAdmin(ctx.actor);
  const f = parseInput(unownedFilter, filter);
  const db = dbOf(ctx);
  const { endpoints, total } = await loadEndpoints(db, {
    context: f.context,
    like: f.match !== undefined ? globToLike(f.match) : undefined,
    regex: f.regex !== undefined ? new RegExp(f.regex) : undefined,
    unownedOnly: true,
    limit: f.limit,
  });
  const numbers = endpoints.map((e) => numberFromId(e.id));
  const boxes = await loadMailboxes(db, endpoints.flatMap((e, i) => mailboxCandidates(e, numbers[i])));
  const items = endpoints.map((e, i): UnownedEndpoint => {
    const box = mailboxCandidates(e, numbers[i]).map((k) => boxes.get(mailboxKey(k))).find(Boolean);
    return {
      id: e.id,
      context: e.context,
      callerid: e.callerid,
      number: numbers[i],
      authId: e.authIds.join(',') || null,
      auth: e.auth && {
        type: e.auth.type,
        username: e.auth.username,
        plaintext: (e.auth.type === null || e.auth.type === 'userpass') && e.auth.hasPassword,
        realm: e.auth.realm,
      },
      aorId: e.aorIds.join(',') || null,
      aor: e.aor && { maxContacts: e.aor.maxContacts },
      registrations: e.registrations,
      voicemail: box ? mailboxKey(box) : null,
      trunk: e.trunkSigns.length ? e.trunkSigns.join('; ') : null,
    };
  });
  return { items, total };
}
