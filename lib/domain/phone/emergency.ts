import lib from 'google-libphonenumber';

const shortInfo = lib.ShortNumberInfo.getInstance();
const cache = new Map<string, ReadonlySet<string>>();

/**
 * The emergency numbers of a country, as libphonenumber knows them (US: 112, 911; DE: 110, 112).
 * Found by asking about every 2- to 4-digit number once per country; cached.
 */
function numbersOf(region: string): ReadonlySet<string> {
  let set = cache.get(region);
  if (!set) {
    const found = new Set<string>();
    for (let len = 2; len <= 4; len++)
      for (let i = 0; i < 10 ** len; i++) {
        const n = String(i).padStart(len, '0');
        if (shortInfo.isEmergencyNumber(n, region as lib.RegionCode)) found.add(n);
      }
    set = found;
    cache.set(region, set);
  }
  return set;
}

export const emergencyNumbers = (region: string): string[] => [...numbersOf(region)];

/**
 * Exactly one of the country's emergency numbers, digit for digit. Not libphonenumber's own
 * isEmergencyNumber: it drops everything that is not a digit first, so `*911`, `9#11` and `1*1*2`
 * would count as 911 and 112, and a caller without outside calls could reach the trunk with them.
 */
export const isEmergencyNumber = (dialled: string, region: string): boolean => numbersOf(region).has(dialled);
