import { defineConfig } from 'prisma/config';

// Only `prisma generate` is used: migrations are plain SQL applied by `npm run db:migrate`
// (scripts/migrate.ts), and the runtime connects through the pg driver adapter.
export default defineConfig({
  schema: 'prisma/schema',
  datasource: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchboard' },
});
