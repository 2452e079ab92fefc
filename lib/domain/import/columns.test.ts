import { describe, expect, it } from 'vitest';
import { columnOf, parseFlag, rowInput, type ImportColumn, type RowCells } from './columns.ts';
import { guardCell, unguardCell } from './spreadsheet-cells.ts';

const cells = (values: Partial<Record<string, string>>): RowCells =>
  new Map(Object.entries(values).map(([key, value]) => [columnOf(key) as ImportColumn, { key, value: value! }]));

describe('the columns of an import', () => {
  it('are found whatever a spreadsheet calls them, aliases included', () => {
    expect(columnOf('Display Name')).toBe('name');
    expect(columnOf(' display-name ')).toBe('name');
    expect(columnOf('SECRET')).toBe('password');
    expect(columnOf('Voicemail PIN')).toBe('voicemail_pin');
    expect(columnOf('department')).toBeUndefined();
  });

  it('read flags as true/false, yes/no or 1/0 in any case, empty as the default', () => {
    for (const v of ['true', 'YES', 'Yes', '1', ' yes ']) expect(parseFlag(v), v).toBe(true);
    for (const v of ['false', 'No', 'NO', '0']) expect(parseFlag(v), v).toBe(false);
    expect(parseFlag('')).toBeUndefined();
    expect(parseFlag(undefined)).toBeUndefined();
    expect(parseFlag('maybe')).toEqual({ error: 'must be true/false, yes/no or 1/0' });
    expect(parseFlag('on')).toEqual({ error: 'must be true/false, yes/no or 1/0' });
  });

  it('turn a row of text into the rules input, blank meaning the default', () => {
    const { input, problems, generatePin } = rowInput(
      cells({ number: '1001', 'Display Name': 'Alice', email: '', allow_external: 'no', active: '', max_contacts: '3', voicemail: 'yes', caller_id: '+12125550177', ad_synced: 'Yes', ad_username: 'alice' }),
    );
    expect(problems).toEqual({});
    expect(generatePin).toBe(true);
    expect(input).toEqual({
      number: '1001', displayName: 'Alice', email: '', secret: undefined, allowExternal: false, active: undefined, maxContacts: 3,
      voicemailPin: null, callerId: '+12125550177', adSynced: true, adUsername: 'alice',
    });
  });

  it('report what the rules cannot say well, under the file own column names', () => {
    const { problems, generatePin } = rowInput(cells({ number: ' ', name: 'A', active: 'sometimes', max_contacts: 'two', voicemail: 'no', 'Voicemail PIN': '4821' }));
    expect(problems).toEqual({
      number: ['is required'],
      active: ['must be true/false, yes/no or 1/0'],
      max_contacts: ['must be a whole number'],
      voicemail: ['is no but Voicemail PIN is given'],
    });
    expect(generatePin).toBe(false);
  });

  it('give a box with the PIN given, and none without voicemail or PIN', () => {
    expect(rowInput(cells({ number: '1001', name: 'A', voicemail_pin: '4821' }))).toMatchObject({ input: { voicemailPin: '4821' }, generatePin: false });
    expect(rowInput(cells({ number: '1001', name: 'A', voicemail: 'yes', voicemail_pin: '4821' }))).toMatchObject({ input: { voicemailPin: '4821' }, generatePin: false });
    expect(rowInput(cells({ number: '1001', name: 'A' }))).toMatchObject({ input: { voicemailPin: null }, generatePin: false });
  });
});

describe('text a spreadsheet would run as a formula', () => {
  it('is exported with a leading quote and imported without it, exactly', () => {
    for (const text of ['=HYPERLINK("x")', '+1 fun', '-minus', '@at', "'=already", "''+twice", 'Alice', "O'Brien", "'quoted"]) {
      expect(unguardCell(guardCell(text)), text).toBe(text);
    }
    expect(guardCell('=cmd')).toBe("'=cmd");
    expect(guardCell('Alice')).toBe('Alice');
    expect(unguardCell("'quoted")).toBe("'quoted");
  });
});
