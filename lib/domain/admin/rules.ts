import { adminPasswordProblems } from './password-policy.ts';
import { adminCreateInput } from './schemas.ts';

/** Every rule for a new admin, including the server-only password policy (password-policy.ts). */
export const adminCreateRules = adminCreateInput.superRefine((v, ctx) => {
  if (v.password)
    for (const message of adminPasswordProblems(v.password, v.email)) ctx.addIssue({ code: 'custom', path: ['password'], message });
});
