/**
 * Just enough of Asterisk's dialplan to follow a dialled number through Switchboard's contexts:
 * extension matching (exact extensions before `_` patterns; X Z N . ! and [..]), priorities
 * with labels, Goto, GotoIf with the number guard, Gosub, and the first application that acts
 * (Dial, Gosub, Goto, VoiceMailMain). `include =>` and hints are not followed.
 * FILTER and LEN behave as in funcs/func_strings.c: FILTER keeps the allowed characters of
 * everything after its first comma; LEN is strlen. Anything else in a guard throws, so a test
 * cannot pass over a dialplan the model does not understand.
 */
type Priority = { label?: string; app: string; args: string };
export type Dialplan = Map<string, Map<string, Priority[]>>;

export function parseDialplan(text: string): Dialplan {
  const plan: Dialplan = new Map();
  let context: Map<string, Priority[]> | undefined;
  let current: Priority[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const section = /^\[([^\]]+)\]/.exec(line);
    if (section) {
      context = new Map();
      plan.set(section[1], context);
      continue;
    }
    const exten = /^exten => ([^,]+),(\d+|n)(?:\(([^)]+)\))?,([A-Za-z]+)\((.*)\)$/.exec(line);
    const same = /^same => n(?:\(([^)]+)\))?,([A-Za-z]+)\((.*)\)$/.exec(line);
    if (exten && context) {
      current = [];
      context.set(exten[1], current);
      current.push({ label: exten[3], app: exten[4], args: exten[5] });
    } else if (same && current) {
      current.push({ label: same[1], app: same[2], args: same[3] });
    }
  }
  return plan;
}

function patternMatches(pattern: string, exten: string): boolean {
  if (!pattern.startsWith('_')) return pattern === exten;
  let re = '';
  for (const m of pattern.slice(1).matchAll(/\[[^\]]+\]|./g)) {
    const t = m[0];
    re += t === 'X' ? '[0-9]' : t === 'Z' ? '[1-9]' : t === 'N' ? '[2-9]' : t === '.' ? '[\\s\\S]+' : t === '!' ? '[\\s\\S]*' : t.startsWith('[') ? t : t.replace(/[.*+?^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(exten);
}

const GUARD = /^\$\[\$\{LEN\(\$\{FILTER\(0-9,\$\{EXTEN(:1)?\}\)\}\)\} = \$\{LEN\(\$\{EXTEN(:1)?\}\)\}\]\?([\w-]+)$/;
const strlen = (s: string) => Buffer.byteLength(s.split('\0')[0]);

function guard(args: string, exten: string): string | null {
  const m = GUARD.exec(args);
  if (!m || m[1] !== m[2]) throw new Error(`not a number guard the model knows: GotoIf(${args})`);
  const value = m[1] ? exten.slice(1) : exten;
  // FILTER: the allowed set is "0-9"; the string is everything after the first comma.
  const filtered = [...value].filter((ch) => ch >= '0' && ch <= '9').join('');
  return strlen(filtered) === strlen(value) ? m[3] : null;
}

export type Outcome =
  | { kind: 'no-match' }
  | { kind: 'gosub'; target: string; arg: string }
  | { kind: 'dial'; target: string }
  | { kind: 'refused'; context: string }
  | { kind: 'voicemail-main'; mailbox: string };

/** Where a call to `exten` in `context` goes first: a Gosub (with its argument), a Dial, or a refusal. */
export function follow(plan: Dialplan, context: string, exten: string): Outcome {
  const extensions = plan.get(context);
  if (!extensions) throw new Error(`no context ${context}`);
  const name = extensions.has(exten) ? exten : [...extensions.keys()].find((p) => p.startsWith('_') && patternMatches(p, exten));
  if (!name) return { kind: 'no-match' };
  const priorities = extensions.get(name)!;
  for (let i = 0; i < priorities.length; i++) {
    const { app, args } = priorities[i];
    if (app === 'GotoIf') {
      const label = guard(args, exten);
      if (label) i = priorities.findIndex((p) => p.label === label) - 1;
    } else if (app === 'Goto') {
      const [ctx] = args.split(',');
      return { kind: 'refused', context: ctx };
    } else if (app === 'Gosub') {
      const m = /^([\w-]+),s,1\((.*)\)$/.exec(args)!;
      return { kind: 'gosub', target: m[1], arg: m[2].replaceAll('${EXTEN}', exten) };
    } else if (app === 'Dial') {
      return { kind: 'dial', target: args.split(',')[0] };
    } else if (app === 'VoiceMailMain') {
      return { kind: 'voicemail-main', mailbox: args };
    } else if (app === 'AGI') {
      throw new Error(`AGI() reached in ${context} before any guard`);
    }
  }
  return { kind: 'no-match' };
}
