import net from 'node:net';

/**
 * The environment block a real Asterisk 22.10.1 sent (REFERENCE.md section 8), in its order. For
 * /route the channel defaults to the caller's, as on a real Asterisk, where the first argument is
 * ${CHANNEL(endpoint)} of that very channel.
 */
export function asteriskEnv(script: string, args: string[], channel?: string): string {
  channel ??= script.split('?')[0] === 'route' && args[0] ? `PJSIP/${args[0]}-00000004` : 'PJSIP/1001-00000004';
  const lines = [
    'agi_network: yes',
    `agi_network_script: ${script}`,
    `agi_request: agi://127.0.0.1:4573/${script}`,
    `agi_channel: ${channel}`,
    'agi_language: en',
    'agi_type: PJSIP',
    'agi_uniqueid: 1795234130.4',
    'agi_version: 22.10.1',
    'agi_callerid: 1001',
    'agi_calleridname: Alice',
    'agi_callingpres: 0',
    'agi_callingani2: 0',
    'agi_callington: 0',
    'agi_callingtns: 0',
    'agi_dnid: 1002',
    'agi_rdnis: unknown',
    'agi_context: internal',
    'agi_extension: 1002',
    'agi_priority: 3',
    'agi_enhanced: 0.0',
    'agi_accountcode: ',
    'agi_threadid: 140234567890',
    ...args.map((a, i) => `agi_arg_${i + 1}: ${a}`),
  ];
  return `${lines.join('\n')}\n\n`;
}

export type Exchange = { commands: string[]; vars: Record<string, string>; closedBy: 'server' | 'client'; ms: number };

/**
 * Plays Asterisk's side of one FastAGI session: sends the environment (optionally in pieces),
 * answers each command (`200 result=1` unless `reply` says otherwise) and records what came.
 */
export function playAsterisk(
  port: number,
  env: string,
  opts: { reply?: (cmd: string, n: number) => string | null; chunk?: number; timeoutMs?: number; localAddress?: string } = {},
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: opts.localAddress });
    const commands: string[] = [];
    const vars: Record<string, string> = {};
    let buf = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of session after ${opts.timeoutMs ?? 5000} ms; got ${JSON.stringify(commands)}`));
    }, opts.timeoutMs ?? 5_000);
    socket.setEncoding('utf8');
    socket.on('connect', async () => {
      if (!opts.chunk) socket.write(env);
      else
        for (let i = 0; i < env.length; i += opts.chunk) {
          socket.write(env.slice(i, i + opts.chunk));
          await new Promise((r) => setImmediate(r));
        }
    });
    socket.on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const cmd = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        commands.push(cmd);
        const m = /^SET VARIABLE (\S+) "((?:[^"\\]|\\.)*)"$/.exec(cmd);
        if (m) vars[m[1]] = m[2].replace(/\\(.)/g, '$1');
        const answer = opts.reply ? opts.reply(cmd, commands.length) : '200 result=1\n';
        if (answer !== null) socket.write(answer);
      }
    });
    socket.on('end', () => {
      clearTimeout(timer);
      // Asterisk answers the server's close with HANGUP; the socket is gone by then, so just end.
      socket.end();
      resolve({ commands, vars, closedBy: 'server', ms: performance.now() - started });
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
