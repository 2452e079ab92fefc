import 'server-only';
import { AmiClient } from '../asterisk/ami.ts';
import { amiOptionsFromEnv } from '../asterisk/ami-config.ts';
import { AmiRegistrations } from '../asterisk/ami-registrations.ts';
import { getDb } from '../db/client.ts';
import { registrationsFor, type Registration } from '../domain/extension/registrations.ts';
import { recordContactEvents } from '../domain/phones/ingest-contacts.ts';
import { log } from '../log.ts';

const holder = globalThis as unknown as { switchboardAmiRegistrations?: AmiRegistrations | null };

/** REGISTRATION_SOURCE=ami reads status from AMI events; the default reads ps_contacts. */
function amiSource(): AmiRegistrations | null {
  if (process.env.REGISTRATION_SOURCE !== 'ami') return null;
  if (holder.switchboardAmiRegistrations === undefined) {
    const options = amiOptionsFromEnv();
    if (!options) {
      log.warn('REGISTRATION_SOURCE=ami needs AMI_HOST, AMI_USERNAME and AMI_SECRET; reading ps_contacts instead');
      holder.switchboardAmiRegistrations = null;
    } else {
      const ami = new AmiClient({ ...options, events: 'system,call' });
      // Asterisks that keep contacts in astdb write nothing to ps_contacts: the history comes from here.
      holder.switchboardAmiRegistrations = new AmiRegistrations(ami, (c) =>
        void getDb()
          .$transaction((tx) => recordContactEvents(tx, [{ endpointOrAor: c.endpoint, change: c.change, uri: c.uri, address: c.address, port: c.port, userAgent: c.userAgent, at: c.at }]))
          .catch((err) => log.warn('could not record a registration change', { err: (err as Error).message })),
      );
      ami.connect().catch((err) => log.warn('AMI unreachable for registration status; retrying', { err: (err as Error).message }));
    }
  }
  return holder.switchboardAmiRegistrations;
}

export async function getRegistrations(endpointIds: string[]): Promise<Map<string, Registration[]>> {
  const ami = amiSource();
  return ami ? ami.registrationsFor(endpointIds) : registrationsFor(getDb(), endpointIds);
}

/** Phones registered now within these tenant domains, when status comes from AMI; else null. */
export function amiRegisteredCount(domains: string[]): number | null {
  const ami = amiSource();
  return ami ? ami.countRegistered(domains) : null;
}
