/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database driver stays a plain Node dependency rather than being bundled.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
