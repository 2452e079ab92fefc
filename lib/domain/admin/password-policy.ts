/** The policy for admin passwords. Pure, so the forms can show it as the user types. */
export function adminPasswordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < 12) problems.push('must be at least 12 characters');
  if (password.length > 200) problems.push('must be at most 200 characters');
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 3 && password.toLowerCase().includes(local)) problems.push('may not contain your e-mail name');
  if (/^(.)\1+$/.test(password)) problems.push('may not repeat one character');
  return problems;
}
