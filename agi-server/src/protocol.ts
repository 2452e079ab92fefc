/** FastAGI wire format, as Asterisk's res_agi speaks it (shared/asterisk/REFERENCE.md sections 4, 8). */

export type AgiEnv = Record<string, string>;

/**
 * Asterisk writes `key: value` lines as it gets them, and a dialled number may hold any character
 * a SIP URI can escape (REFERENCE.md section 9): a newline there becomes a line of its own, a
 * forged `agi_arg_1` say. So no control character is accepted anywhere in the block.
 */
const CONTROL = /[\x00-\x1f\x7f]/;
export const hasControlCharacter = (s: string) => CONTROL.test(s);

/** What a dialled number or a DID may be once it comes from outside (`${EXTEN}`): digits, * and #. */
const DIAL_STRING = /^\+?[0-9*#]{1,40}$/;
export const isDialString = (s: string) => DIAL_STRING.test(s);

/** `agi_request: agi://127.0.0.1:4573/route` splits on the first ": " only; values may hold colons. */
export function parseEnvLine(line: string): [string, string] | null {
  const at = line.indexOf(': ');
  if (at > 0) return [line.slice(0, at), line.slice(at + 2)];
  // `agi_accountcode: ` arrives as "agi_accountcode:" once trailing spaces are trimmed by a proxy.
  if (line.endsWith(':') && !line.includes(' ')) return [line.slice(0, -1), ''];
  return null;
}

/** The request name: agi_network_script, or the path of agi_request. */
const scriptOf = (env: AgiEnv) => env.agi_network_script ?? (env.agi_request ?? '').replace(/^[a-z]+:\/\/[^/]*\/?/, '');

export function requestName(env: AgiEnv): string {
  return `/${scriptOf(env).split('?')[0].replace(/^\/+/, '')}`;
}

/** The query of the request path (`route?transfer`): written by our dialplan, before any caller data. */
export function requestQuery(env: AgiEnv): URLSearchParams {
  const script = scriptOf(env);
  const at = script.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : script.slice(at + 1));
}

export type Reply = { code: number; result: string | null; data: string | null; lines: string[] };

/** `200 result=1 (value)`, `510 Invalid or unknown command`, or a 520 block. */
export function parseReply(lines: string[]): Reply {
  const last = lines[lines.length - 1];
  const code = Number(last.slice(0, 3));
  const m = /result=(-?\d+)(?: \((.*)\))?/.exec(last);
  return { code, result: m?.[1] ?? null, data: m?.[2] ?? null, lines };
}

/** A value as one AGI argument: quoted, with quotes and backslashes escaped, on one line. */
export function quote(value: string): string {
  return `"${value.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * `PJSIP/1001@acme.example-0000000d` -> `1001@acme.example` (the endpoint of a PJSIP channel).
 * Asterisk names the channel itself and writes it before any AGI() argument, so, unlike the
 * arguments, the caller cannot choose it: it is who is calling.
 */
export function endpointOfChannel(channel: string | undefined): string | null {
  const m = /^PJSIP\/(.+)-[0-9a-f]{8}$/i.exec(channel ?? '');
  return m ? m[1] : null;
}
