import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;
/** Seals directory bind passwords (32 bytes, base64); specs that save settings directly use it too. */
export const directorySecretKey = process.env.E2E_DIRECTORY_SECRET_KEY ?? 'ZTJlLW9ubHktZGlyZWN0b3J5LWtleS1ub3QtcHJvZCE=';

/**
 * Runs against a production build (`next build` first; scripts/test.sh does it) on a fresh
 * database made by e2e/support/prepare-db.ts, in Debian's Chromium.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/e2e',
  workers: 1,
  // Generous: CI machines are shared, and a slow step is not a failure of the flow under test.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: `${process.env.E2E_OUTPUT_DIR ?? 'test-results'}/playwright-report` }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The portal as deployed: scripts/serve-portal.mjs, two next start workers behind one port.
    command: `node scripts/serve-portal.mjs -H 127.0.0.1 -p ${port}`,
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? 'e2e-only-secret-not-for-production-use',
      DIRECTORY_SECRET_KEY: directorySecretKey,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-test',
      WEB_CONCURRENCY: '2',
      // The old systems' POST /tenant names SIP domains <name>.<suffix>.
      TENANT_DOMAIN_SUFFIX: 'pbx.example.com',
      DEFAULT_COUNTRY: 'US',
      // scripts/need-redis.sh: API rate limits counted in a real Redis, under this run's own prefix.
      ...(process.env.E2E_REDIS_URL ? { REDIS_URL: process.env.E2E_REDIS_URL, REDIS_KEY_PREFIX: process.env.E2E_REDIS_PREFIX ?? 'switchboard-e2e:' } : {}),
      // scripts/e2e.sh starts a scripted AMI peer (e2e/support/fake-ami-server.ts) for mailbox counts.
      ...(process.env.E2E_AMI_PORT ? { AMI_HOST: '127.0.0.1', AMI_PORT: process.env.E2E_AMI_PORT, AMI_USERNAME: 'switchboard', AMI_SECRET: 'right' } : {}),
    },
  },
});
