'use server';
import { explainCall, type CallTestInput } from '@/lib/domain/routing/explain-call';
import { runAction } from '@/lib/next/action';

export async function explainCallAction(tenantId: string, input: CallTestInput) {
  return runAction('explainCall', (ctx) => explainCall(ctx, String(tenantId), input));
}
