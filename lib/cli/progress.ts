/**
 * Progress of long runs (imports, syncs, adoption) on standard error, so standard output stays the
 * result. On a terminal: one bar redrawn in place, at most ten times a second. Otherwise (a log, a
 * pipe, CI): plain lines, one per tenth of the work or every five seconds, never one per row.
 */
export type Progress = {
  update(done: number, total?: number): void;
  finish(message?: string): void;
};

export type ProgressOptions = { stream?: NodeJS.WriteStream | NodeJS.WritableStream & { isTTY?: boolean }; now?: () => number; width?: number };

export function progress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = Boolean((stream as { isTTY?: boolean }).isTTY);
  const width = options.width ?? 30;
  let total: number | undefined;
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  let last = 0;

  const figures = (done: number) =>
    total ? `${done.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.floor((done / total) * 100)}%)` : done.toLocaleString('en');

  return {
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal;
      last = done;
      const t = now();
      if (tty) {
        if (t - lastDraw < 100 && done !== total) return;
        lastDraw = t;
        const filled = total ? Math.min(width, Math.round((done / total) * width)) : 0;
        const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
        stream.write(`\r${label} ${bar}${figures(done)}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = total ? Math.floor((done / total) * 10) : -1;
      if ((total && tenth > lastTenth) || t - lastDraw >= 5_000) {
        lastTenth = tenth;
        lastDraw = t;
        stream.write(`${label}: ${figures(done)}\n`);
      }
    },
    finish(message) {
      if (tty && drawn) stream.write(`\r${label} ${figures(total ?? last)}\x1b[K\n`);
      if (message) stream.write(`${message}\n`);
    },
  };
}
