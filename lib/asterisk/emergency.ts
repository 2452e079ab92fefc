import lib from 'google-libphonenumber';

const shortInfo = lib.ShortNumberInfo.getInstance();
const cache = new Map<string, string[]>();

/**
 * The emergency numbers of a country, as libphonenumber knows them (US: 112, 911; DE: 110, 112).
 * Found by asking about every 2- to 4-digit number once per country; cached.
 */
export function emergencyNumbers(region: string): string[] {
  let list = cache.get(region);
  if (!list) {
    list = [];
    for (let len = 2; len <= 4; len++)
      for (let i = 0; i < 10 ** len; i++) {
        const n = String(i).padStart(len, '0');
        if (shortInfo.isEmergencyNumber(n, region as lib.RegionCode)) list.push(n);
      }
    cache.set(region, list);
  }
  return list;
}
