/**
 * The sync plan: what a directory's users mean for a tenant's extensions. Pure, so the preview
 * and the run compute it the same way from the same inputs, and the run applies exactly what the
 * preview showed.
 */

/** A directory user as the mapping reads it. */
export type DirectoryUser = {
  /** Stable id: objectGUID as a GUID string, or entryUUID. */
  id: string;
  dn: string;
  login: string | null;
  name: string;
  email: string | null;
  /** The number the rule gave, or why there is none. */
  number: string | null;
  numberProblem: string | null;
  disabled: boolean;
};

/** An extension of the tenant, as far as the plan needs it. */
export type TenantExtension = {
  id: string;
  number: string;
  displayName: string;
  email: string | null;
  active: boolean;
  adSynced: boolean;
  adUsername: string | null;
  directoryId: string | null;
  directoryState: DirectoryState | null;
  removalDueAt: Date | null;
};

export type DirectoryState = 'active' | 'disabled' | 'missing';

export type Creation = { userId: string; number: string; name: string; email: string | null; login: string | null };
export type Update = {
  extensionId: string;
  userId: string;
  number: string;
  /** Only what changes. */
  changes: { displayName?: string; email?: string | null; adUsername?: string | null; number?: string };
};
export type Deactivation = { extensionId: string; number: string; userId: string; reason: 'disabled' | 'missing'; removalDueAt: Date };
export type Removal = { extensionId: string; number: string; userId: string };
export type Reactivation = { extensionId: string; number: string; userId: string };
export type ConflictReason = 'number_in_use' | 'number_shared' | 'invalid_number' | 'no_number';
export type Conflict = { userId: string; dn: string; login: string | null; name: string; number: string | null; reason: ConflictReason; detail: string };

export type SyncPlan = {
  creates: Creation[];
  updates: Update[];
  deactivations: Deactivation[];
  removals: Removal[];
  reactivations: Reactivation[];
  conflicts: Conflict[];
  unchanged: number;
  /** Extensions whose users are still gone or disabled, waiting for their removal date. */
  pending: number;
  safety: { synced: number; affected: number; limitPercent: number; tripped: boolean };
};

export type PlanOptions = {
  now: Date;
  graceDays: number;
  /** Deactivating plus removing more than this share of the synced extensions needs confirmation. */
  maxRemovalPercent: number;
  /** Problems of a number in the tenant's numbering plan (length, leading 0, emergency numbers). */
  numberProblems: (number: string) => string[];
};

const DAY_MS = 86_400_000;

export function planSync(users: DirectoryUser[], extensions: TenantExtension[], options: PlanOptions): SyncPlan {
  const plan: SyncPlan = { creates: [], updates: [], deactivations: [], removals: [], reactivations: [], conflicts: [], unchanged: 0, pending: 0, safety: { synced: 0, affected: 0, limitPercent: options.maxRemovalPercent, tripped: false } };
  const synced = new Map(extensions.filter((e) => e.directoryId).map((e) => [e.directoryId!, e]));
  const byNumber = new Map(extensions.map((e) => [e.number, e]));
  const conflict = (u: DirectoryUser, reason: ConflictReason, detail: string) =>
    plan.conflicts.push({ userId: u.id, dn: u.dn, login: u.login, name: u.name, number: u.number, reason, detail });

  // Users without a usable number, and numbers claimed by two users: neither gets it.
  const valid: DirectoryUser[] = [];
  const claims = new Map<string, DirectoryUser[]>();
  const seen = new Set<string>();
  for (const u of [...users].sort((a, b) => a.id.localeCompare(b.id))) {
    if (seen.has(u.id)) continue; // a directory answering one entry twice (referrals, paging) counts once
    seen.add(u.id);
    if (u.number === null) {
      if (!u.disabled) conflict(u, 'no_number', u.numberProblem ?? 'has no number');
      continue;
    }
    const problems = options.numberProblems(u.number);
    if (problems.length) {
      conflict(u, 'invalid_number', `${u.number} ${problems.join('; ')}`);
      continue;
    }
    valid.push(u);
    claims.set(u.number, [...(claims.get(u.number) ?? []), u]);
  }
  const present = new Set<string>();
  for (const u of users) present.add(u.id);

  for (const u of valid) {
    const ext = synced.get(u.id);
    const rivals = claims.get(u.number!)!;
    if (rivals.length > 1) {
      conflict(u, 'number_shared', `${u.number} is the number of ${rivals.length} directory users: ${rivals.map((r) => r.login ?? r.name).join(', ')}`);
      if (ext) plan.unchanged++;
      continue;
    }
    const holder = byNumber.get(u.number!);
    if (u.disabled) {
      if (ext) deactivateOrWait(plan, ext, 'disabled', options);
      continue;
    }
    if (!ext) {
      if (holder) {
        conflict(u, 'number_in_use', holder.directoryId ? `${u.number} belongs to another directory user's extension` : `${u.number} is an extension created by hand; it is never taken over`);
        continue;
      }
      plan.creates.push({ userId: u.id, number: u.number!, name: u.name, email: u.email, login: u.login });
      continue;
    }
    const changes: Update['changes'] = {};
    if (ext.number !== u.number) {
      if (holder && holder.id !== ext.id) {
        conflict(u, 'number_in_use', `${u.number} is already ${holder.directoryId ? 'another directory user\'s extension' : 'an extension created by hand'}; ${ext.number} stays as it is`);
      } else changes.number = u.number!;
    }
    if (ext.displayName !== u.name) changes.displayName = u.name;
    if ((ext.email ?? null) !== (u.email ?? null)) changes.email = u.email;
    if ((ext.adUsername ?? null) !== (u.login ?? null)) changes.adUsername = u.login;
    if (Object.keys(changes).length) plan.updates.push({ extensionId: ext.id, userId: u.id, number: ext.number, changes });
    if (ext.directoryState !== 'active' || !ext.active) plan.reactivations.push({ extensionId: ext.id, number: changes.number ?? ext.number, userId: u.id });
    else if (!Object.keys(changes).length) plan.unchanged++;
  }

  // Extensions whose user the directory no longer returns.
  for (const ext of synced.values()) if (!present.has(ext.directoryId!)) deactivateOrWait(plan, ext, 'missing', options);

  plan.safety.synced = synced.size;
  plan.safety.affected = plan.deactivations.length + plan.removals.length;
  plan.safety.tripped = synced.size > 0 && (plan.safety.affected * 100) / synced.size > options.maxRemovalPercent;
  return plan;
}

function deactivateOrWait(plan: SyncPlan, ext: TenantExtension, reason: 'disabled' | 'missing', options: PlanOptions) {
  const alreadyOut = ext.directoryState === 'disabled' || ext.directoryState === 'missing';
  if (alreadyOut && ext.removalDueAt && ext.removalDueAt <= options.now) {
    plan.removals.push({ extensionId: ext.id, number: ext.number, userId: ext.directoryId! });
    return;
  }
  if (alreadyOut && !ext.active) {
    plan.pending++;
    return;
  }
  plan.deactivations.push({ extensionId: ext.id, number: ext.number, userId: ext.directoryId!, reason, removalDueAt: new Date(options.now.getTime() + options.graceDays * DAY_MS) });
}
