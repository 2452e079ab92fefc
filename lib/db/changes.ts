import { ChangeListener } from './change-listener.ts';
import { databaseUrl, isProcessDb, type Tx } from './client.ts';

/** Channels the process caches follow: token changes (migration 0012) and routing's (0003). */
export const TOKEN_CHANNEL = 'sb_api_tokens';
export const ROUTING_CHANNEL = 'sb_routing';

const holder = globalThis as unknown as { switchboardChanges?: ChangeListener; switchboardCaches?: boolean };

/**
 * For long-running servers (the portal calls it at start): caches may follow the process-wide
 * client. A command-line run never does: its listener would keep it from exiting, and it reads
 * each thing once anyway. SB_PROCESS_CACHES=off turns them off everywhere.
 */
export function enableProcessCaches(): void {
  holder.switchboardCaches = process.env.SB_PROCESS_CACHES !== 'off';
}

/**
 * The process's change listener, started on first use, for caches of the process-wide client
 * only: any other client (a test's database, a transaction) gets null and reads the database.
 */
export function changesFor(db: Tx): ChangeListener | null {
  if (!holder.switchboardCaches || !isProcessDb(db)) return null;
  if (!holder.switchboardChanges) {
    holder.switchboardChanges = new ChangeListener(databaseUrl(), [TOKEN_CHANNEL, ROUTING_CHANNEL]);
    holder.switchboardChanges.start();
  }
  return holder.switchboardChanges;
}
