import type { Command } from 'commander';
import { showOnce } from '../../lib/cli/show-once.ts';
import { createAdmin } from '../../lib/domain/admin/create-admin.ts';
import type { AdminCreateInput } from '../../lib/domain/admin/schemas.ts';
import { action, type CliCtx } from '../support.ts';
import { tenantBySlug } from './tenants.ts';

export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('portal administrators');
  admin
    .command('create')
    .description('create an admin with a generated password, shown once (the first platform admin is made this way)')
    .requiredOption('--email <e-mail>', 'sign-in name')
    .requiredOption('--name <name>', 'full name')
    .option('--role <role>', 'platform_admin | tenant_admin | viewer', 'platform_admin')
    .option('--tenant <slug>', 'the tenant of a tenant_admin or viewer')
    .action(
      action(
        'admin:create',
        async (ctx: CliCtx, opts: { email: string; name: string; role: string; tenant?: string }) => {
          const tenant = opts.tenant ? await tenantBySlug(ctx, opts.tenant) : null;
          const input: AdminCreateInput = { email: opts.email, name: opts.name, role: opts.role as AdminCreateInput['role'], tenantId: tenant?.id ?? null };
          const { admin: made, password } = await createAdmin(ctx, input);
          ctx.print({ id: made.id, email: made.email, role: made.role, tenant: tenant?.slug ?? null }, `created ${made.role} ${made.email}`);
          await showOnce(`Password of ${made.email} (shown once)`, [password], { out: ctx.json ? process.stderr : process.stdout });
        },
        { email: '--email', name: '--name', role: '--role', tenantId: '--tenant' },
      ),
    );
}
