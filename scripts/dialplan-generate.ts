/**
 * `npm run dialplan:generate`: writes every tenant's dialplan file into
 * $ASTERISK_CONFIG_DIR/tenant_contexts/ (removing those of deleted tenants) and, when AMI_* is
 * set, asks Asterisk to reload its dialplan. Exit code 2 when the files were written but the
 * reload failed.
 */
import '../lib/cli/env.ts';
import { AmiClient } from '../lib/asterisk/ami.ts';
import type { DialplanTenant } from '../lib/asterisk/dialplan.ts';
import { writeAllDialplans } from '../lib/asterisk/dialplan-files.ts';
import { amiOptionsFromEnv } from '../lib/asterisk/ami-config.ts';
import { getDb } from '../lib/db/client.ts';

async function main() {
  const dir = process.env.ASTERISK_CONFIG_DIR;
  if (!dir) {
    console.error('ASTERISK_CONFIG_DIR is not set (the directory holding extensions.conf)');
    process.exit(64);
  }
  const db = getDb();
  try {
    const tenants = await db.tenant.findMany({ select: { slug: true, name: true, context: true, defaultCountry: true, outboundTrunk: true, status: true, sipDomain: true, extensionLength: true } });
    const { written, removed } = await writeAllDialplans(dir, tenants as DialplanTenant[]);
    console.log(`wrote ${written} tenant dialplans to ${dir}/tenant_contexts${removed.length ? `, removed ${removed.join(', ')}` : ''}`);
  } finally {
    await db.$disconnect();
  }
  const options = amiOptionsFromEnv();
  if (!options) {
    console.log('AMI_HOST/AMI_USERNAME/AMI_SECRET not set: reload Asterisk yourself (dialplan reload)');
    return;
  }
  const ami = new AmiClient(options);
  try {
    await ami.connect();
    console.log((await ami.command('dialplan reload')).join('\n') || 'dialplan reloaded');
  } catch (err) {
    console.error(`files written, but Asterisk did not reload: ${(err as Error).message}`);
    process.exitCode = 2;
  } finally {
    await ami.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
