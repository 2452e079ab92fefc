import { execFile } from 'node:child_process';

export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * The `switchboard` command as a shell would run it (no terminal: showOnce writes secrets to a
 * file), against the given database.
 */
export function runCli(url: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile('node', ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, DATABASE_URL: url, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}
