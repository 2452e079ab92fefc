/**
 * API tokens from the command line, for automation and for the first token of a new install:
 *
 *   npm run token:create -- --name billing [--tenant <slug>] [--access read|write] [--expires-days N]
 *     [--rate-limit N] [--print]
 *   npm run token:list [-- --tenant <slug>]
 *   npm run token:revoke -- <id>
 *
 * Without --tenant a token is the platform's. The new token goes through showOnce (a terminal, or
 * an owner-only file). With --print it is the only thing on standard output, for
 * `TOKEN=$(npm run -s token:create -- --name ci --print)`; everything else goes to standard error.
 * Exit codes: 64 usage, 65 refused input (with the field at fault), 1 anything unexpected.
 */
import '../lib/cli/env.ts';
import { parseArgs } from 'node:util';
import { showOnce } from '../lib/cli/show-once.ts';
import { getDb } from '../lib/db/client.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { createApiToken } from '../lib/domain/api-token/create-token.ts';
import { listApiTokens } from '../lib/domain/api-token/list-tokens.ts';
import { revokeApiToken } from '../lib/domain/api-token/revoke-token.ts';
import type { TokenCreateInput } from '../lib/domain/api-token/schemas.ts';
import type { TokenView } from '../lib/domain/api-token/view.ts';
import type { Ctx } from '../lib/domain/context.ts';
import { getTenant } from '../lib/domain/tenant/get-tenant.ts';
import { isAppError } from '../lib/errors.ts';

const USAGE = `usage:
  npm run token:create -- --name <name> [--tenant <slug>] [--access read|write] [--expires-days N] [--rate-limit N] [--print]
  npm run token:list [-- --tenant <slug>]
  npm run token:revoke -- <id>`;

const OPTIONS = {
  name: { type: 'string' },
  tenant: { type: 'string' },
  access: { type: 'string', default: 'write' },
  'expires-days': { type: 'string' },
  'rate-limit': { type: 'string' },
  print: { type: 'boolean', default: false },
} as const;

type Args = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;

/** Refused input that the domain did not see: an unknown tenant. */
class InputError extends Error {}

const stamp = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + 'Z' : 'never');

async function tenantId(ctx: Ctx, slug: string | undefined): Promise<string | null> {
  if (slug === undefined) return null;
  try {
    return (await getTenant(ctx, slug)).id;
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') throw new InputError(`no tenant with slug "${slug}"`);
    throw err;
  }
}

async function create(ctx: Ctx, { values }: Args) {
  const input: TokenCreateInput = {
    name: values.name ?? '',
    tenantId: await tenantId(ctx, values.tenant),
    access: values.access as TokenCreateInput['access'],
    expiresInDays: values['expires-days'],
    rateLimitPerMinute: values['rate-limit'],
  };
  const { token, view } = await createApiToken(ctx, input);
  const scope = values.tenant ? `tenant ${values.tenant}` : 'the platform';
  const summary = `created ${view.access} token "${view.name}" for ${scope} (id ${view.id}, ${view.tokenPrefix}…, expires ${stamp(view.expiresAt)})`;
  if (values.print) {
    console.error(summary);
    process.stdout.write(`${token}\n`);
    return;
  }
  console.log(summary);
  await showOnce(`API token ${view.name} (shown once)`, [token]);
}

function table(tokens: TokenView[]): string {
  const rows = [
    ['ID', 'NAME', 'PREFIX', 'ACCESS', 'STATUS', 'EXPIRES', 'LAST USED'],
    ...tokens.map((t) => [
      t.id,
      t.name,
      `${t.tokenPrefix}…`,
      t.access,
      t.status,
      stamp(t.expiresAt),
      t.lastUsedAt ? `${stamp(t.lastUsedAt)}${t.lastUsedAddress ? ` from ${t.lastUsedAddress}` : ''}` : 'never',
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

async function list(ctx: Ctx, { values }: Args) {
  const tokens = await listApiTokens(ctx, await tenantId(ctx, values.tenant));
  const scope = values.tenant ? `tenant ${values.tenant}` : 'the platform';
  console.log(tokens.length ? table(tokens) : `no API tokens for ${scope}`);
}

async function revoke(ctx: Ctx, { positionals }: Args) {
  const view = await revokeApiToken(ctx, positionals[1]);
  console.log(`revoked token "${view.name}" (${view.tokenPrefix}…) at ${stamp(view.revokedAt)}`);
}

const COMMANDS = { create, list, revoke } as const;

/** What is missing from the command line, checked before any database is needed. */
function misuse({ values, positionals }: Args): string | undefined {
  if (positionals[0] === 'create' && !values.name) return '--name is required';
  if (positionals[0] === 'revoke' && positionals.length !== 2) return 'give the id of one token (see npm run token:list)';
  if (positionals[0] !== 'revoke' && positionals.length > 1) return `unexpected argument "${positionals[1]}"`;
}
/** The domain's field names as this tool's flags, so a refusal names what to change. */
const FLAGS: Record<string, string> = { name: '--name', tenantId: '--tenant', access: '--access', expiresInDays: '--expires-days', rateLimitPerMinute: '--rate-limit' };

function usage(message?: string): number {
  console.error(message ? `${message}\n${USAGE}` : USAGE);
  return 64;
}

async function run(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return usage((err as Error).message);
  }
  const name = args.positionals[0] ?? '';
  if (!Object.hasOwn(COMMANDS, name)) return usage();
  const wrong = misuse(args);
  if (wrong) return usage(wrong);
  const db = getDb();
  try {
    await COMMANDS[name as keyof typeof COMMANDS]({ actor: systemActor('cli:token', 'cli'), db }, args);
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      console.error(err.message);
      return 65;
    }
    if (isAppError(err)) {
      const fields = Object.entries(err.fieldErrors ?? {}).map(([k, v]) => `  ${FLAGS[k] ?? k}: ${v.join(', ')}`);
      console.error(fields.length ? ['refused:', ...fields].join('\n') : err.message);
      return 65;
    }
    throw err;
  } finally {
    await db.$disconnect();
  }
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
