import type { Command } from 'commander';
import { showOnce } from '../../lib/cli/show-once.ts';
import { createApiToken } from '../../lib/domain/api-token/create-token.ts';
import { listApiTokens } from '../../lib/domain/api-token/list-tokens.ts';
import { revokeApiToken } from '../../lib/domain/api-token/revoke-token.ts';
import type { TokenCreateInput } from '../../lib/domain/api-token/schemas.ts';
import type { TokenView } from '../../lib/domain/api-token/view.ts';
import { action, stamp, table, type CliCtx } from '../support.ts';
import { tenantBySlug } from './tenants.ts';

const FLAGS = { name: '--name', tenantId: '--tenant', access: '--access', expiresInDays: '--expires-days', rateLimitPerMinute: '--rate-limit' };

const tokenJson = (t: TokenView) => ({
  id: t.id, name: t.name, prefix: t.tokenPrefix, access: t.access, status: t.status, expires_at: t.expiresAt,
  last_used_at: t.lastUsedAt, last_used_address: t.lastUsedAddress, revoked_at: t.revokedAt,
});

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for integrations (Authorization: Bearer <token>)');

  token
    .command('create')
    .description('create a token; it is shown once (stored only as a hash)')
    .requiredOption('--name <name>', 'what uses it, e.g. billing (audited as the actor of its changes)')
    .option('--tenant <slug>', "one tenant's token (default: the platform's)")
    .option('--access <access>', 'read | write', 'write')
    .option('--expires-days <n>', 'expires after this many days (default: never)')
    .option('--rate-limit <n>', 'requests per minute (default: the platform setting)')
    .option('--print', 'print only the token on standard output, for TOKEN=$(switchboard token create ... --print)')
    .action(
      action(
        'token',
        async (ctx: CliCtx, opts: { name: string; tenant?: string; access: string; expiresDays?: string; rateLimit?: string; print?: boolean }) => {
          const tenant = opts.tenant ? await tenantBySlug(ctx, opts.tenant) : null;
          const input: TokenCreateInput = {
            name: opts.name,
            tenantId: tenant?.id ?? null,
            access: opts.access as TokenCreateInput['access'],
            expiresInDays: opts.expiresDays,
            rateLimitPerMinute: opts.rateLimit,
          };
          const { token: secret, view } = await createApiToken(ctx, input);
          const summary = `created ${view.access} token "${view.name}" for ${tenant ? `tenant ${tenant.slug}` : 'the platform'} (id ${view.id}, ${view.tokenPrefix}…, expires ${stamp(view.expiresAt)})`;
          if (opts.print) {
            console.error(summary);
            process.stdout.write(`${secret}\n`);
            return;
          }
          ctx.print(tokenJson(view), summary);
          await showOnce(`API token ${view.name} (shown once)`, [secret], { out: ctx.json ? process.stderr : process.stdout });
        },
        FLAGS,
      ),
    );

  token
    .command('list')
    .description("the platform's tokens, or one tenant's")
    .option('--tenant <slug>', "one tenant's tokens")
    .action(
      action('token', async (ctx: CliCtx, opts: { tenant?: string }) => {
        const tenant = opts.tenant ? await tenantBySlug(ctx, opts.tenant) : null;
        const tokens = await listApiTokens(ctx, tenant?.id ?? null);
        ctx.print(tokens.map(tokenJson), () =>
          tokens.length
            ? table(
                ['ID', 'NAME', 'PREFIX', 'ACCESS', 'STATUS', 'EXPIRES', 'LAST USED'],
                tokens.map((t) => [t.id, t.name, `${t.tokenPrefix}…`, t.access, t.status, stamp(t.expiresAt), t.lastUsedAt ? `${stamp(t.lastUsedAt)}${t.lastUsedAddress ? ` from ${t.lastUsedAddress}` : ''}` : 'never']),
              )
            : `no API tokens for ${tenant ? `tenant ${tenant.slug}` : 'the platform'}`,
        );
      }),
    );

  token
    .command('revoke')
    .description('revoke a token at once (see token list for ids)')
    .argument('<id>', 'the token id')
    .action(
      action('token', async (ctx: CliCtx, id: string) => {
        const view = await revokeApiToken(ctx, id);
        ctx.print(tokenJson(view), `revoked token "${view.name}" (${view.tokenPrefix}…) at ${stamp(view.revokedAt)}`);
      }),
    );
}
