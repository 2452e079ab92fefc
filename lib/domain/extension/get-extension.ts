import { dbOf, type Ctx } from '../context.ts';
import { findExtension } from './load.ts';
import { toExtensionView } from './view.ts';

export async function getExtension(ctx: Ctx, id: string) {
  const { tenant, ...ext } = await findExtension(dbOf(ctx), ctx.actor, id, 'read');
  // The mailbox name is for the portal's own pages (counts, labels), not part of the view doors share.
  return { ...toExtensionView(ext), voicemailBox: ext.voicemailBox, tenant };
}
