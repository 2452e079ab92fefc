import { z } from 'zod';
import { pickSnake } from './pick.ts';

export const didResource = z
  .object({
    id: z.guid(),
    tenant_id: z.guid(),
    e164: z.string().describe('The number in E.164, with +.'),
    label: z.string().nullable(),
    extension_number: z.string().nullable().describe('The extension its calls ring; null: unassigned, calls are refused.'),
    is_main: z.boolean().describe('The tenant\'s main number, presented on outside calls by default.'),
    caller_id_users: z.int().describe('Extensions that present this number on outside calls by their own choice.'),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Did' });

type DidLike = { extension?: { number: string } | null; isMain?: boolean; callerIdUsers?: number };
export const toDidResource = (d: object & DidLike) =>
  pickSnake(didResource, d, { extension_number: d.extension?.number ?? null, is_main: d.isMain ?? false, caller_id_users: d.callerIdUsers ?? 0 });
