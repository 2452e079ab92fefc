import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '../errors.ts';

/** For pages: another tenant's object, or a missing one, is the 404 page; nothing else leaks. */
/** An edited or stale cursor in the URL gives the first page instead of an error page. */
export async function firstPageOnBadCursor<T>(p: Promise<T>, firstPage: () => Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (isAppError(err) && err.code === 'validation') return firstPage();
    throw err;
  }
}

export async function loadOr404<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') notFound();
    throw err;
  }
}
