/**
 * What every command shares: exit codes, the database and actor, JSON or text output, and one
 * place that turns a failure into a message and an exit code.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { getDb, type Db } from '../lib/db/client.ts';
import { systemActor, type Actor } from '../lib/domain/actor.ts';
import { isAppError, type AppError } from '../lib/errors.ts';
import { progress, type Progress } from '../lib/cli/progress.ts';

/** What a script can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, partial: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A refusal the command itself decides (a missing file, an unknown tenant), with its exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.failed, readonly details?: unknown) {
    super(message);
  }
}
export const usageError = (message: string) => new CliError(message, EXIT.usage);

export type CliCtx = {
  actor: Actor;
  db: Db;
  json: boolean;
  /** The result: JSON (with --json) or the text, on standard output. */
  print(data: unknown, text: string | (() => string)): void;
  /** Remarks for a person (progress, hints) on standard error; silent with --json. */
  note(text: string): void;
  progress(label: string): Progress;
};

type Handler = (ctx: CliCtx, ...args: never[]) => Promise<ExitCode | void>;

/**
 * The action of a command: the database opened once, the caller's options and arguments passed
 * on, any failure printed and mapped to an exit code. `flags` names the domain's fields as this
 * command's options, so a refusal says which option to change.
 */
export function action<H extends Handler>(name: string, handler: H, flags: Record<string, string> = {}) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const json = Boolean(command.optsWithGlobals().json);
    // Made on first use: a command that needs no PostgreSQL (db check-mariadb) must not need its URL.
    let db: ReturnType<typeof getDb> | undefined;
    const ctx: CliCtx = {
      actor: systemActor(`cli:${name}`, 'cli'),
      get db() {
        return (db ??= getDb());
      },
      json,
      print: (data, text) => console.log(json ? JSON.stringify(data, null, 2) : typeof text === 'function' ? text() : text),
      note: (text) => {
        if (!json) process.stderr.write(`${text}\n`);
      },
      progress: (label) => (json ? silentProgress : progress(label)),
    };
    try {
      process.exitCode = (await handler(ctx, ...(args.slice(0, -1) as never[]))) ?? EXIT.ok;
    } catch (err) {
      process.exitCode = report(err, json, flags);
    } finally {
      await db?.$disconnect();
    }
  };
}

const silentProgress: Progress = { update() {}, finish() {} };

function report(err: unknown, json: boolean, flags: Record<string, string>): ExitCode {
  if (err instanceof CliError) {
    emit(json, { error: { message: err.message, ...(err.details ? { details: err.details } : {}) } }, err.message);
    return err.exitCode;
  }
  if (isAppError(err)) {
    const code = appErrorExit(err);
    const fields = Object.entries(err.fieldErrors ?? {}).map(([k, v]) => `  ${flags[k] ?? k}: ${v.join(', ')}`);
    emit(json, { error: { code: err.code, message: err.message, fields: err.fieldErrors ?? {} } }, fields.length ? ['refused:', ...fields].join('\n') : err.message);
    return code;
  }
  // A setting that cannot work (DATABASE_URL of another engine) is said as it is, without a stack.
  const config = (err as Error)?.name === 'ConfigError';
  emit(json, { error: { message: (err as Error)?.message ?? String(err) } }, config ? (err as Error).message : (err as Error)?.stack ?? String(err));
  return config ? EXIT.usage : EXIT.failed;
}

/** A value the domain refused is a usage error (fix the command line); anything else failed. */
const appErrorExit = (err: AppError): ExitCode => (err.code === 'validation' ? EXIT.usage : EXIT.failed);

function emit(json: boolean, data: unknown, text: string) {
  if (json) console.log(JSON.stringify(data, null, 2));
  else console.error(text);
}

/** A plain table: columns padded to their widest cell. */
export function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export const stamp = (d: Date | string | null | undefined) =>
  d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') + 'Z' : 'never';

/** A whole number option (commander hands strings over). */
export function intOption(name: string) {
  return (value: string) => {
    if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
    return Number(value);
  };
}
