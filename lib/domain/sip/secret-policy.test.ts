import { describe, expect, it } from 'vitest';
import { secretPolicyProblems } from './secret-policy.ts';
import { generateSecret } from './secret.ts';

describe('SIP secret policy', () => {
  it('accepts generated secrets, always', () => {
    for (let i = 0; i < 200; i++) expect(secretPolicyProblems(generateSecret(), { number: '1001', domain: 'acme.example.com' })).toEqual([]);
  });

  it.each([
    ['short1A!', 'must be at least 12 characters'],
    ['Password-1234', 'is a commonly used password'],
    ['Kestrel-Orbit-42', undefined],
    ['password', 'is a commonly used password'],
    ['aaaaaaaaaaaaaaaa', 'is a repeated or sequential pattern'],
    ['abcdefghijklmnop', 'is a repeated or sequential pattern'],
    ['123412341234', 'is a repeated or sequential pattern'],
    ['Kx9;pQ2mZr7w', 'may not contain ";" or "^" (Asterisk realtime treats them specially)'],
    ['Kx9^pQ2mZr7w', 'may not contain ";" or "^" (Asterisk realtime treats them specially)'],
    ['Kx9 pQ2mZr7w', 'may only contain printable ASCII characters without spaces'],
    ['Zq1001-fjw-Kd', 'may not contain the extension number'],
    ['Acme-2024-Phone!', "may not contain the tenant's domain"],
    ['lowercaseonly12', 'needs three of: lower case, upper case, digits, symbols (or at least 16 characters)'],
  ])('%s', (secret, problem) => {
    const problems = secretPolicyProblems(secret, { number: '1001', domain: 'acme.example.com' });
    if (problem) expect(problems).toContain(problem);
    else expect(problems).toEqual([]);
  });

  it('accepts a long passphrase without symbols', () => {
    expect(secretPolicyProblems('correct horse battery staple'.replace(/ /g, '-'))).toEqual([]);
  });
});
