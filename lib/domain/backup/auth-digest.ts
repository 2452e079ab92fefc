import { conflict } from '../../errors.ts';
import { md5Credential } from '../sip/secret.ts';
import type { BackupRow } from './format.ts';

/**
 * A ps_auths row as a backup holds it: never a plaintext secret. A `userpass` auth with a password
 * becomes `md5` with md5_cred = MD5(username:realm:password), which Asterisk checks the same way
 * (shared/asterisk/REFERENCE.md section 8), so the phone keeps registering with its secret. The
 * digest must contain the realm Asterisk challenges with: the row's realm, or, when it has none
 * (Asterisk would then use its global default_realm, which another installation may not share),
 * the tenant's SIP domain, which is written into the row so challenge and digest agree.
 * Pure: the export calls it for each auth, tests call it directly.
 */
export function authForBackup(row: BackupRow, tenantRealm: string): BackupRow {
  const { password, ...rest } = row;
  if (rest.auth_type === 'google_oauth' || rest.oauth_secret !== undefined || rest.refresh_token !== undefined)
    throw conflict(`Auth ${rest.id} holds OAuth tokens, which a backup cannot carry without plaintext`);
  if (typeof password !== 'string' || password === '') return rest;
  // md5 with a digest: Asterisk checks md5_cred and ignores the password.
  if (rest.auth_type === 'md5' && typeof rest.md5_cred === 'string' && rest.md5_cred !== '') return rest;
  if (typeof rest.username !== 'string' || rest.username === '')
    throw conflict(`Auth ${rest.id} has a password but no username: Asterisk cannot use it, and no digest can be made`);
  const realm = typeof rest.realm === 'string' && rest.realm !== '' ? rest.realm : tenantRealm;
  return { ...rest, auth_type: 'md5', realm, md5_cred: md5Credential(rest.username, realm, password) };
}

/** Whether a row as Asterisk stores it holds a plaintext secret a backup converts. */
export const holdsPlaintext = (row: BackupRow) => typeof row.password === 'string' && row.password !== '';
