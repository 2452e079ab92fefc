/**
 * Headers every response gets, static files included. Those that depend on the request (the
 * Content-Security-Policy with its nonce, HSTS over HTTPS) are set in proxy.ts.
 */
const securityHeaders = [
  // frame-ancestors 'none' in the CSP says the same to browsers that read it; this to older ones.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Portal URLs name tenants and carry searches: other sites get no Referer from here at all.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test suite builds into its own directory (NEXT_DIST_DIR=.next-test), so `npm test` never
  // replaces the build a running `npm start` serves from.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The database driver stays a plain Node dependency rather than being bundled.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
