import { z } from 'zod';

export const contactResource = z.object({
  uri: z.string().nullable(),
  user_agent: z.string().nullable(),
  via_addr: z.string().nullable(),
  via_port: z.int().nullable(),
  expires_at: z.iso.datetime().nullable(),
});

export const registrationResource = z
  .object({
    extension_id: z.guid(),
    number: z.string(),
    endpoint_id: z.string(),
    contacts: z.array(contactResource).describe('Current registrations (a phone may register from several devices).'),
  })
  .meta({ id: 'Registration' });
