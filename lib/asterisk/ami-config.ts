import type { AmiOptions } from './ami.ts';

/** AMI_HOST, AMI_PORT (5038), AMI_USERNAME, AMI_SECRET; null when not configured. */
export function amiOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AmiOptions | null {
  if (!env.AMI_HOST || !env.AMI_USERNAME || !env.AMI_SECRET) return null;
  return { host: env.AMI_HOST, port: Number(env.AMI_PORT ?? 5038), username: env.AMI_USERNAME, secret: env.AMI_SECRET };
}
