import type { DirectoryGateway } from '../domain/directory/gateway.ts';
import { describeDirectoryError, withDirectory } from './connection.ts';
import { readUsers } from './read-users.ts';

/** The domain's view of a directory, over ldapts. Failures become one sentence each. */
export const ldapGateway: DirectoryGateway = {
  async read(conn, query, onProgress) {
    try {
      return await withDirectory(conn, (client) => readUsers(client, query, onProgress));
    } catch (err) {
      return { error: describeDirectoryError(err, { url: conn.url, baseDn: query.baseDn }) };
    }
  },
};
