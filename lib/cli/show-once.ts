import { chmod, mkdir, open } from 'node:fs/promises';
import path from 'node:path';

export type ShowOnceOptions = {
  /** Where the terminal would be; standard output unless a test says otherwise. */
  out?: NodeJS.WriteStream;
  /** The folder for the file when there is no terminal (SECRETS_DIR, else .local/secrets). */
  dir?: string;
  now?: Date;
};

/**
 * Shows secrets (a generated admin password, SIP secrets) exactly once. On an interactive terminal
 * they are printed. Otherwise standard output usually ends in a process manager's log (systemd's
 * journal, docker logs, a CI transcript), kept and readable by others for months: the secrets go
 * to a new file readable only by its owner, and only the file's path is printed.
 */
export async function showOnce(title: string, lines: string[], options: ShowOnceOptions = {}): Promise<string | null> {
  const out = options.out ?? process.stdout;
  if (out.isTTY) {
    out.write(`${title}\n${lines.map((l) => `  ${l}\n`).join('')}`);
    return null;
  }
  const dir = path.resolve(options.dir ?? process.env.SECRETS_DIR ?? '.local/secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${slugify(title)}-${stamp}-${process.pid}.txt`);
  // 'wx': never reuse (or follow a link planted at) an existing name; 0600 from the first byte.
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(`${title}\n${lines.map((l) => `  ${l}\n`).join('')}`);
  } finally {
    await handle.close();
  }
  out.write(`${title}: not printed (no terminal); written once to ${file} (readable only by you). Read it, then delete it.\n`);
  return file;
}

const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'secrets';
