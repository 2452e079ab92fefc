import type { z } from 'zod';
import { fromZod } from '../errors.ts';

/** Parses input at a door's edge; a failure becomes a validation AppError with field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZod(result.error);
  return result.data;
}
