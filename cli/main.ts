/** Entry point of `switchboard` (bin/switchboard.mjs) and `npm run cli -- ...`. */
import '../lib/cli/env.ts';
import { runCli } from './program.ts';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
