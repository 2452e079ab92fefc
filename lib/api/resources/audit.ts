import { z } from 'zod';
import { pickSnake } from './pick.ts';

export const auditResource = z
  .object({
    id: z.string().describe('Increasing: a larger id is a later entry.'),
    at: z.iso.datetime(),
    actor_type: z.string().describe('admin, api, cli, system or directory.'),
    actor_id: z.string().nullable(),
    actor_label: z.string().describe('Who: an admin\'s e-mail, an API token\'s name, a command.'),
    tenant_id: z.guid().nullable(),
    action: z.string().describe('e.g. extension.create, tenant.update, api_token.revoke.'),
    target_type: z.string(),
    target_id: z.string().nullable(),
    target_label: z.string().nullable(),
    before: z.unknown().describe('The changed fields before the change; null for creations.'),
    after: z.unknown().describe('The changed fields after it; null for deletions.'),
  })
  .meta({ id: 'AuditEntry' });

export const toAuditResource = (a: object) => pickSnake(auditResource, a);
