import type { DirectoryInput } from '@/lib/domain/directory/schemas';
import type { DirectoryTestResult } from '@/lib/domain/directory/test-directory';
import type { ActionResult } from '@/lib/next/action';

/** The server actions the directory page binds to its tenant and hands its client parts. */
export type SaveDirectoryAction = (input: DirectoryInput) => Promise<ActionResult<{ url: string }>>;
export type TestDirectoryAction = (input: DirectoryInput) => Promise<ActionResult<DirectoryTestResult>>;
export type StartRunAction = (mode: 'preview' | 'sync', confirmed?: boolean) => Promise<ActionResult<{ runId: string }>>;
