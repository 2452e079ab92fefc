/**
 * The floor for bench:agi: the same FastAGI bytes with no decision. Reads the environment to its
 * blank line, sends the one-line answer a real decision sends (one SET VARIABLE), waits for the
 * reply, closes.
 */
import net from 'node:net';

const COMMANDS = ['SET VARIABLE SWITCHBOARD_ANSWER "1|INTERNAL|PJSIP/1002@t000.bench.test|||t000|||end"'];

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
