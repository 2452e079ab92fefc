import { describe, expect, it } from 'vitest';
import { generatePassword } from './password.ts';
import { adminPasswordProblems } from './password-policy.ts';
import { adminCreateRules } from './rules.ts';

const email = 'alice@example.com';
const problem = (password: string) => adminPasswordProblems(password, email).join('; ');

describe('admin password policy', () => {
  it('refuses guessable passwords of legal length, saying why', () => {
    expect(problem('123456789012')).toMatch(/^is too easy to guess: a commonly used password/);
    expect(problem('passwordpassword')).toMatch(/^is too easy to guess: a repeated pattern/);
    expect(problem('abababababab')).toMatch(/^is too easy to guess: a repeated pattern/);
    expect(problem('lmnopqrstuvwxyz')).toMatch(/^is too easy to guess: a sequence/);
    expect(problem('9876543210987')).toMatch(/^is too easy to guess: a sequence/);
    expect(problem('zxcvbnm,./asdfghjkl;')).toMatch(/^is too easy to guess: a keyboard pattern/);
    expect(problem('qwertyuiopasdf')).toMatch(/^is too easy to guess: .*commonly used password/);
    expect(problem('P@ssw0rd12345')).toMatch(/^is too easy to guess: .*commonly used password/);
    expect(problem('Summer2024Summer')).toMatch(/^is too easy to guess: .*a recent year/);
    expect(problem('mary.smith1985')).toMatch(/^is too easy to guess: a common name/);
    expect(problem('switchboard2024!')).toMatch(/^is too easy to guess: your e-mail address or the product name/);
    expect(problem('123456789012')).toMatch(/leave it empty to get a generated one$/);
  });

  it('keeps the length rules and the e-mail rule, one message at a time', () => {
    expect(adminPasswordProblems('aaaa', email)).toEqual(['must be at least 12 characters']);
    expect(adminPasswordProblems('x'.repeat(201), email)).toEqual(['must be at most 200 characters']);
    expect(adminPasswordProblems('my-alice-2026-password', email)).toEqual(['may not contain your e-mail name']);
    expect(adminPasswordProblems('violet anchor\u0000 tundra', email)).toEqual(['may not contain control characters (such as NUL or line breaks)']);
  });

  it('accepts a passphrase of unrelated words and a random password', () => {
    expect(adminPasswordProblems('correct horse battery staple', email)).toEqual([]);
    expect(adminPasswordProblems('violet-anchor-tundra-42', email)).toEqual([]);
    expect(adminPasswordProblems('aB3$kd9#Lq2!Zx', email)).toEqual([]);
  });

  it('passes every password Switchboard generates (admin:create, the demo seed, password resets)', () => {
    for (let i = 0; i < 25; i++) {
      const password = generatePassword();
      expect(adminPasswordProblems(password, email), password).toEqual([]);
    }
  });

  it('applies to a new admin with a chosen password, and not to one that gets a generated password', () => {
    const base = { email, name: 'Alice', role: 'platform_admin' as const };
    const weak = adminCreateRules.safeParse({ ...base, password: 'abababababab' });
    expect(weak.success).toBe(false);
    expect(weak.error?.issues.map((i) => [i.path.join('.'), i.message.split(':')[0]])).toEqual([['password', 'is too easy to guess']]);
    expect(adminCreateRules.safeParse({ ...base, password: '' }).success).toBe(true);
    expect(adminCreateRules.safeParse({ ...base, password: 'correct horse battery staple' }).success).toBe(true);
  });
});
