import { validationError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { authRow, hasOwnSipShape } from '../sip/asterisk-rows.ts';
import { secretPolicyProblems } from '../sip/secret-policy.ts';
import { generateSecret } from '../sip/secret.ts';
import { findExtension } from './load.ts';
import { secretChangeInput } from './schemas.ts';

/**
 * Sets a new SIP secret (given, or generated when none is given). Without a sorcery cache it is
 * live for the phone's next REGISTER; the secret is returned once and never stored in clear
 * unless the tenant stores plaintext.
 */
export async function changeSipSecret(ctx: Ctx, id: string, input: { secret?: string | null } = {}) {
  const { secret: given } = parseInput(secretChangeInput, input);
  return dbOf(ctx).$transaction(async (tx) => {
    const ext = await findExtension(tx, ctx.actor, id, 'write');
    if (given) {
      const problems = secretPolicyProblems(given, { number: ext.number, domain: ext.tenant.sipDomain });
      if (problems.length) throw validationError({ secret: problems });
    }
    const secret = given ?? generateSecret();
    // An adopted auth keeps its id, user name and realm (none: the tenant's domain, written with it).
    const adopted = hasOwnSipShape(ext, ext.tenant.sipDomain)
      ? null
      : await tx.psAuth.findUnique({ where: { id: ext.authId }, select: { username: true, realm: true } });
    const identity = adopted ? { id: ext.authId, username: adopted.username || ext.number, realm: adopted.realm || ext.tenant.sipDomain } : undefined;
    const { id: authId, ...auth } = authRow(ext.tenant, ext.number, secret, identity);
    await tx.psAuth.update({ where: { id: ext.authId }, data: auth });
    const changedAt = new Date();
    // A new secret supersedes one the directory sync generated and nobody revealed.
    await tx.extension.update({ where: { id: ext.id }, data: { secretChangedAt: changedAt, pendingSecretSealed: null } });
    await recordAudit(tx, ctx.actor, {
      action: 'extension.secret_change',
      tenantId: ext.tenantId,
      targetType: 'extension',
      targetId: ext.id,
      targetLabel: authId,
      after: { generated: !given, changedAt },
    });
    return { secret, secretGenerated: !given };
  });
}
