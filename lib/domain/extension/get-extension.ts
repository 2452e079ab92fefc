import { dbOf, type Ctx } from '../context.ts';
import { findExtension } from './load.ts';
import { toExtensionView } from './view.ts';

export async function getExtension(ctx: Ctx, id: string) {
  const { tenant, ...ext } = await findExtension(dbOf(ctx), ctx.actor, id, 'read');
  return { ...toExtensionView(ext), tenant };
}
