import type { Command } from 'commander';

/** `export csv|tenant`: to be written (`export tenant` comes from backup.ts's exportTenantCommand). */
export function registerExport(_program: Command): void {}
