/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test suite builds into its own directory (NEXT_DIST_DIR=.next-test), so `npm test` never
  // replaces the build a running `npm start` serves from.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The database driver stays a plain Node dependency rather than being bundled.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
