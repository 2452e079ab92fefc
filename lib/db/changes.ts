import { ChangeListener, type ChangeFeed } from './change-listener.ts';
import { ChangePoller } from './change-poller.ts';
import { engineOf } from './engine.ts';
import { databaseUrl, isProcessDb, type Tx } from './client.ts';

/** Channels the process caches follow: token changes (migration 0012) and routing's (0003). */
export const TOKEN_CHANNEL = 'sb_api_tokens';
export const ROUTING_CHANNEL = 'sb_routing';

const holder = globalThis as unknown as { switchboardChanges?: ChangeFeed; switchboardCaches?: boolean };

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
export function changesFor(db: Tx): ChangeFeed | null {
  if (!holder.switchboardCaches || !isProcessDb(db)) return null;
  if (!holder.switchboardChanges) {
    const url = databaseUrl();
    const channels = [TOKEN_CHANNEL, ROUTING_CHANNEL];
    holder.switchboardChanges = engineOf(url) === 'mariadb' ? new ChangePoller(url, channels) : new ChangeListener(url, channels);
    holder.switchboardChanges.start();
  }
  return holder.switchboardChanges;
}
