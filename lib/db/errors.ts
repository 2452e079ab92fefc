/** Unique-constraint violation from Prisma (P2002), PostgreSQL (23505) or MySQL (1062, ER_DUP_ENTRY). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return (
    e?.code === 'P2002' ||
    e?.code === '23505' ||
    e?.cause?.code === '23505' ||
    e?.meta?.driverAdapterError?.cause?.originalCode === '23505' ||
    e?.meta?.driverAdapterError?.cause?.originalCode === '1062' ||
    (e as { errno?: number })?.errno === 1062
  );
}
