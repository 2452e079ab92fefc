import { Command } from 'commander';

/** `export tenant` (added to the export group by export.ts) and `restore`: to be written. */
export function exportTenantCommand(): Command {
  return new Command('tenant');
}
export function registerBackup(_program: Command): void {}
