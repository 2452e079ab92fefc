'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Tells the server the browser's time zone (a cookie), so pages that show times (call history)
 * show them on the admin's clock; refreshes once when it changed. Without JavaScript: UTC.
 */
export function TimeZoneCookie({ current }: { current: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current) return;
    document.cookie = `sb_tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}
