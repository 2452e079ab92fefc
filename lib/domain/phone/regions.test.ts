import lib from 'google-libphonenumber';
import { expect, it } from 'vitest';
import { REGIONS } from './regions.ts';

it('lists exactly the regions libphonenumber can parse numbers for', () => {
  expect([...REGIONS].sort()).toEqual(lib.PhoneNumberUtil.getInstance().getSupportedRegions().sort());
});
