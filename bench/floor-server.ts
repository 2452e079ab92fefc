/**
 * The floor for bench:agi: the same FastAGI bytes with no decision. Reads the environment to its
 * blank line, sends eight fixed SET VARIABLE commands (as many as a real answer) one at a time,
 * waits for each reply, closes.
 */
import net from 'node:net';

const COMMANDS = [
  'SET VARIABLE TARGET_TYPE "INTERNAL"',
  'SET VARIABLE DIAL_TARGET "PJSIP/1002@t000.bench.test"',
  'SET VARIABLE TARGET_E164 ""',
  'SET VARIABLE DENY_REASON ""',
  'SET VARIABLE TENANT "t000"',
  'SET VARIABLE CALLER_ID_NUM ""',
  'SET VARIABLE VOICEMAIL_BOX ""',
  'SET VARIABLE IS_ALLOWED "1"',
];

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let buf = '';
  let inEnv = true;
  let next = 0;
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => {
    buf += d;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (inEnv) {
        if (line === '') {
          inEnv = false;
          socket.write(`${COMMANDS[next++]}\n`);
        }
      } else if (next < COMMANDS.length) socket.write(`${COMMANDS[next++]}\n`);
      else socket.end();
    }
  });
  socket.on('error', () => {});
});
server.listen(Number(process.env.FLOOR_PORT ?? 4590), '127.0.0.1', () => process.send?.('ready'));
