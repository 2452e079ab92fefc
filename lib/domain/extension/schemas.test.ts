import { describe, expect, it } from 'vitest';
import { numberProblems } from './rules.ts';
import { extensionInputFor, extensionUpdateInput } from './schemas.ts';

const us = { extensionLength: 3, defaultCountry: 'US', sipDomain: 'acme.example.com' };
const gb = { ...us, defaultCountry: 'GB' };

describe('extension numbers', () => {
  it('follows the tenant numbering plan and keeps clear of emergency and external dialling', () => {
    expect(numberProblems('201', us)).toEqual([]);
    expect(numberProblems('2011', us)).toEqual(['must be 3 digits in this tenant']);
    expect(numberProblems('911', us)).toEqual(['is an emergency number']);
    expect(numberProblems('999', gb)).toEqual(['is an emergency number']);
    expect(numberProblems('112', gb)).toEqual(['is an emergency number']);
    expect(numberProblems('911', gb)).toEqual([]);
    expect(numberProblems('012', us)).toEqual(['may not start with 0, which starts external dialling']);
  });

  it('validates a whole form at once, with a message per field', () => {
    const r = extensionInputFor(us).safeParse({ number: '20x', displayName: ' ', email: 'nope', voicemailPin: '12' });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(fields).toEqual({ number: 'digits only', displayName: 'is required', email: 'must be an e-mail address', voicemailPin: '4 to 10 digits' });
  });

  it('treats blank optional fields as absent and fills defaults on create only', () => {
    const created = extensionInputFor(us).parse({ number: '201', displayName: 'A', email: '', voicemailPin: '', secret: '' });
    expect(created).toMatchObject({ email: null, voicemailPin: null, secret: null, active: true, allowExternal: true, maxContacts: 1 });
    expect(extensionUpdateInput.parse({ displayName: 'B' })).toEqual({ displayName: 'B' });
  });
});
