import { z } from 'zod';

/** A tenant in a path: its slug or its id. */
export const tenantParam = z.object({ tenant: z.string().max(64).describe('The tenant\'s slug or id.') });
export const extensionParams = tenantParam.extend({ extension: z.string().max(64).describe('The extension\'s number or id.') });
export const didParams = tenantParam.extend({ did: z.string().max(64).describe('The DID\'s id or number.') });

export const secretsList = z
  .array(z.object({ number: z.string(), sip_secret: z.string() }))
  .describe('New SIP secrets, in this answer only.');

export const NO_CONTENT = { 204: { description: 'Done; no body.' } };
