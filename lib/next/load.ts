import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '../errors.ts';

/** For pages: another tenant's object, or a missing one, is the 404 page; nothing else leaks. */
export async function loadOr404<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') notFound();
    throw err;
  }
}
