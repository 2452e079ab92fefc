/**
 * `switchboard`: everything an operator scripts, on one command line. Each group of commands lives
 * in cli/commands/<group>.ts as a thin door over the domain layer.
 */
import { Command, CommanderError } from 'commander';
import { QUICK_START_DATABASE_URL } from '../lib/cli/env.ts';
import { registerAdmin } from './commands/admin.ts';
import { registerAdopt } from './commands/adopt.ts';
import { registerBackup } from './commands/backup.ts';
import { registerDb } from './commands/db.ts';
import { registerDirectory } from './commands/directory.ts';
import { registerExport } from './commands/export.ts';
import { registerExtensions } from './commands/extensions.ts';
import { registerImport } from './commands/import.ts';
import { registerTenants } from './commands/tenants.ts';
import { registerToken } from './commands/token.ts';
import { EXIT } from './support.ts';

export function buildProgram(): Command {
  const program = new Command('switchboard')
    .description('Administer a multi-tenant Asterisk PBX: tenants, extensions, imports, backups, adoption, the database.')
    .option('--json', 'print results as JSON (for scripts)')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Exit codes: 0 done, 1 failed, 2 bad usage or refused values, 3 partly done or conflicts found.
DATABASE_URL names the database (default: the quick start's, ${QUICK_START_DATABASE_URL}).`,
    );
  for (const register of [registerTenants, registerExtensions, registerImport, registerExport, registerBackup, registerAdopt, registerDirectory, registerDb, registerAdmin, registerToken])
    register(program);
  // Every command and subcommand: a usage error exits 2 rather than commander's 1.
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help asked for is done; help shown because a group was named without its command is not.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || (err.code === 'commander.help' && err.exitCode === 0)) return EXIT.ok;
      return EXIT.usage;
    }
    throw err;
  }
}
