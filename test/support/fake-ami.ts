import net from 'node:net';
import { parseMessage } from '../../lib/asterisk/ami.ts';

/**
 * A scripted AMI peer: answers like Asterisk 22 (REFERENCE.md section 8). `mailboxes` holds the
 * [urgent, new, old] counts MailboxCount reports; unknown boxes answer 0/0 as Asterisk does. As a
 * function it may answer null: the action is then refused, as by a user without `reporting`.
 */
type Counts = [number, number, number];
export function fakeAsterisk(options: { mailboxes?: Record<string, Counts> | ((mailbox: string) => Counts | null) } = {}) {
  const actions: Record<string, string>[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.write('Asterisk Call Manager/11.0.0\r\n');
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\r\n\r\n')) >= 0) {
        const a = parseMessage(buf.slice(0, i));
        buf = buf.slice(i + 4);
        actions.push(a);
        const id = a.actionid;
        switch (a.action) {
          case 'Login':
            s.write(a.secret === 'right'
              ? `Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`
              : `Response: Error\r\nActionID: ${id}\r\nMessage: Authentication failed\r\n\r\n`);
            break;
          case 'Command':
            s.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Command output follows\r\nOutput: Dialplan reloaded.\r\n\r\n`);
            break;
          case 'Reload':
            s.write(a.module === 'res_pjsip.so'
              ? `Response: Success\r\nActionID: ${id}\r\nMessage: Module Reloaded\r\n\r\n`
              : `Response: Error\r\nActionID: ${id}\r\nMessage: No such module\n\r\n\r\n`);
            break;
          case 'PJSIPShowContacts':
            s.write(`Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: A listing of Contacts follows\r\n\r\n`);
            // An unrelated event interleaves with the list, as live events do.
            s.write('Event: ContactStatus\r\nURI: sip:1002@198.51.100.9\r\nContactStatus: Reachable\r\nAOR: 1002@acme.example\r\nEndpointName: 1002@acme.example\r\n\r\n');
            s.write(`Event: ContactList\r\nActionID: ${id}\r\nObjectType: contact\r\nObjectName: 1001@acme.example;@05b1\r\nViaAddr: 198.51.100.7\r\nViaPort: 5060\r\nEndpoint: 1001@acme.example\r\nUri: sip:1001@198.51.100.7:5060\r\nUserAgent: Yealink SIP-T46S 66.86.0.15\r\nExpirationTime: 1795307900\r\nStatus: Reachable\r\n\r\n`);
            s.write(`Event: ContactListComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 1\r\n\r\n`);
            break;
          case 'MailboxCount': {
            const boxes = options.mailboxes;
            const counts = typeof boxes === 'function' ? boxes(a.mailbox) : (boxes?.[a.mailbox] ?? [0, 0, 0]);
            if (!counts) {
              s.write(`Response: Error\r\nActionID: ${id}\r\nMessage: Permission denied\r\n\r\n`);
              break;
            }
            const [urgent, fresh, old] = counts;
            s.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Mailbox Message Count\r\nMailbox: ${a.mailbox}\r\nUrgMessages: ${urgent}\r\nNewMessages: ${fresh}\r\nOldMessages: ${old}\r\n\r\n`);
            break;
          }
          case 'SorceryMemoryCacheExpireObject':
            s.write(`Response: Success\r\nActionID: ${id}\r\nMessage: The provided object was expired from the cache\r\n\r\n`);
            break;
          case 'Logoff':
            s.end(`Response: Goodbye\r\nActionID: ${id}\r\nMessage: Thanks for all the fish.\r\n\r\n`);
            break;
          default:
            s.write(`Response: Error\r\nActionID: ${id}\r\nMessage: Invalid/unknown command\r\n\r\n`);
        }
      }
    });
  });
  return { server, actions, sockets };
}

