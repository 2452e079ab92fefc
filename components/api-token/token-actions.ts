import type { TokenCreateInput } from '@/lib/domain/api-token/schemas';
import type { ActionResult } from '@/lib/next/action';

/**
 * The server actions a token page hands its forms: the tenant's page binds its tenant, the
 * platform page has none, and the components stay the same for both.
 */
export type CreateTokenAction = (input: TokenCreateInput) => Promise<ActionResult<{ token: string; name: string }>>;
export type RevokeTokenAction = (id: string) => Promise<ActionResult<{ name: string }>>;

export const ACCESS_LABEL = { read: 'Read-only', write: 'Read-write' } as const;
