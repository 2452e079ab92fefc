/**
 * A week of calls for the demo tenant, written into Asterisk's `cdr` table as cdr_pgsql writes
 * them (empty values NULL, naive UTC times, the generated dialplan's userfield mark), so the Calls
 * page and the charts have something to show on a fresh install. They reach Switchboard's history
 * the way real ones do: through the trigger and the classification.
 */
import type { Db } from '../lib/db/client.ts';

type Demo = { slug: string; context: string; sipDomain: string; trunk: string; did: string };

/** A small deterministic generator: the same demo every time. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

const naive = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

export async function seedDemoCalls(db: Db, demo: Demo, now = new Date()): Promise<number> {
  const rnd = random(2026);
  const people = ['1001', '1002', '1003', '1004'];
  const names: Record<string, string> = { '1001': 'Alice Anders', '1002': 'Bob Brown', '1003': 'Reception', '1004': 'Carol Jones' };
  const chan = (who: string, n: number) => `PJSIP/${who}@${demo.sipDomain}-${n.toString(16).padStart(8, '0')}`;
  const rows: (string | number | null)[][] = [];
  let n = 0;
  for (let day = 6; day >= 0; day--) {
    const calls = day % 7 === 5 || day % 7 === 6 ? 4 : 14 + Math.floor(rnd() * 10);
    for (let i = 0; i < calls; i++) {
      const start = new Date(now.getTime() - day * 86_400_000);
      start.setUTCHours(8 + Math.floor(rnd() * 9), Math.floor(rnd() * 60), Math.floor(rnd() * 60), 0);
      if (start > now) continue;
      const kind = rnd();
      const from = people[Math.floor(rnd() * people.length)];
      const talk = 20 + Math.floor(rnd() * 400);
      const ring = 3 + Math.floor(rnd() * 12);
      const id = `${Math.floor(start.getTime() / 1000)}.${n++}`;
      const end = (s: number) => naive(new Date(start.getTime() + s * 1000));
      const base = { start: naive(start), uniqueid: id, linkedid: id, sequence: n };
      if (kind < 0.45) {
        const to = people.filter((p) => p !== from)[Math.floor(rnd() * 3)];
        const outcome = rnd();
        const disposition = outcome < 0.75 ? 'ANSWERED' : outcome < 0.9 ? 'NO ANSWER' : 'BUSY';
        const answered = disposition === 'ANSWERED';
        rows.push([demo.slug, from, to, demo.context, `"${names[from]}" <${from}>`, chan(from, n), chan(to, n + 1000), 'Dial', `PJSIP/${to}@${demo.sipDomain},30,i`, base.start, answered ? naive(new Date(start.getTime() + ring * 1000)) : null, end(answered ? ring + talk : ring), answered ? ring + talk : ring, answered ? talk : 0, disposition, 'sb:internal:ok', id, id, demo.slug, base.sequence]);
      } else if (kind < 0.75) {
        const number = `212555${String(1000 + Math.floor(rnd() * 9000))}`;
        if (from === '1003' || rnd() < 0.05) {
          // Reception may not call out: refused by the AGI server, as Asterisk records it.
          rows.push([demo.slug, from, number, demo.context, `"${names[from]}" <${from}>`, chan(from, n), null, 'Hangup', '21', base.start, null, end(4), 4, 0, 'NO ANSWER', 'sb:dialled:external_not_allowed', id, id, null, base.sequence]);
        } else {
          const answered = rnd() < 0.8;
          rows.push([demo.slug, from, number, demo.context, `"${names[from]}" <${from}>`, chan(from, n), `PJSIP/${demo.trunk}-${(n + 2000).toString(16).padStart(8, '0')}`, 'Dial', `PJSIP/+1${number}@${demo.trunk},60,i`, base.start, answered ? naive(new Date(start.getTime() + ring * 1000)) : null, end(answered ? ring + talk : ring), answered ? ring + talk : ring, answered ? talk : 0, answered ? 'ANSWERED' : 'NO ANSWER', 'sb:external:ok', id, id, demo.slug, base.sequence]);
        }
      } else {
        // Calls to the main number ring Reception.
        const caller = `+1646555${String(1000 + Math.floor(rnd() * 9000))}`;
        const answered = rnd() < 0.7;
        rows.push([demo.slug, caller, demo.did, 'switchboard-inbound', `"" <${caller}>`, `PJSIP/${demo.trunk}-${(n + 3000).toString(16).padStart(8, '0')}`, chan('1003', n), 'Dial', `PJSIP/1003@${demo.sipDomain},30,i`, base.start, answered ? naive(new Date(start.getTime() + ring * 1000)) : null, end(answered ? ring + talk : 30), answered ? ring + talk : 30, answered ? talk : 0, answered ? 'ANSWERED' : 'NO ANSWER', 'sb:inbound:ok', id, id, demo.slug, base.sequence]);
      }
    }
  }
  const cols = ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'userfield', 'uniqueid', 'linkedid', 'peeraccount', 'sequence'];
  for (const row of rows)
    await db.$executeRawUnsafe(
      `INSERT INTO cdr (${cols.map((c) => `"${c}"`).join(', ')}, amaflags) VALUES (${cols.map((c, i) => `$${i + 1}${['start', 'answer', 'end'].includes(c) ? '::timestamp' : ''}`).join(', ')}, 'DOCUMENTATION')`,
      ...row,
    );
  return rows.length;
}
