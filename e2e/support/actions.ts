import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** The id Next gave a server action in this build, looked up by its exported name. */
export function actionId(name: string): string {
  // The build the server under test runs from: the same default as playwright.config.ts.
  const dist = process.env.NEXT_DIST_DIR ?? '.next-test';
  const manifest = JSON.parse(readFileSync(`${dist}/server/server-reference-manifest.json`, 'utf8'));
  const hit = Object.entries(manifest.node as Record<string, { exportedName: string }>).find(([, v]) => v.exportedName === name);
  if (!hit) throw new Error(`no server action named ${name} in this build`);
  return hit[0];
}

/**
 * Calls a server action the way a crafted request would: straight to the endpoint with the
 * signed-in cookies, bypassing every form and button. Returns the raw RSC response text.
 */
export async function callAction(page: Page, path: string, name: string, args: unknown[]): Promise<string> {
  const res = await page.request.post(path, {
    headers: { 'Next-Action': actionId(name), 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
    data: JSON.stringify(args),
  });
  return res.text();
}
