/**
 * Active Directory's objectGUID is 16 bytes whose first three groups are little-endian (the
 * Windows GUID layout), so the usual string is not the bytes in order: bytes 00 01 02 ... 0f read
 * as 03020100-0504-0706-0809-0a0b0c0d0e0f.
 */
export function guidFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error(`an objectGUID has 16 bytes, not ${bytes.length}`);
  const hex = (i: number) => bytes[i].toString(16).padStart(2, '0');
  const group = (order: number[]) => order.map(hex).join('');
  return [group([3, 2, 1, 0]), group([5, 4]), group([7, 6]), group([8, 9]), group([10, 11, 12, 13, 14, 15])].join('-');
}

export function guidToBytes(guid: string): Buffer {
  const m = guid.toLowerCase().match(/^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/);
  if (!m) throw new Error(`not a GUID: ${guid}`);
  const le = (h: string) => Buffer.from(h, 'hex').reverse();
  return Buffer.concat([le(m[1]), le(m[2]), le(m[3]), Buffer.from(m[4], 'hex'), Buffer.from(m[5], 'hex')]);
}
