import type { DirectorySettingsView } from '@/lib/domain/directory/settings';
import { DIRECTORY_PRESETS, type DirectoryInput } from '@/lib/domain/directory/schemas';

export type PresetName = keyof typeof DIRECTORY_PRESETS;
export const PRESET_LABEL: Record<PresetName, string> = { ad: 'Active Directory', openldap: 'OpenLDAP' };

/** Stored settings as the form edits them: blanks for nulls, and never the bind password. */
export function formValues(s: DirectorySettingsView | null): DirectoryInput {
  if (!s)
    return {
      url: '', startTls: true, allowPlain: false, caCert: '', bindDn: '', bindPassword: '', baseDn: '', groupDn: '',
      ...DIRECTORY_PRESETS.ad,
      numberRule: 'digits', numberDigits: '', numberPattern: '', disabledAttribute: '', disabledValue: '',
      graceDays: 30, maxRemovalPercent: 20, scheduleMinutes: '',
    };
  return {
    url: s.url, startTls: s.startTls, allowPlain: s.allowPlain, caCert: s.caCert ?? '', bindDn: s.bindDn, bindPassword: '',
    baseDn: s.baseDn, userFilter: s.userFilter, groupDn: s.groupDn ?? '',
    numberAttribute: s.numberAttribute, numberRule: s.numberRule as 'digits' | 'last_digits' | 'regex', numberDigits: s.numberDigits ?? '', numberPattern: s.numberPattern ?? '',
    nameAttribute: s.nameAttribute, emailAttribute: s.emailAttribute, loginAttribute: s.loginAttribute, idAttribute: s.idAttribute,
    disabledMode: s.disabledMode as 'uac' | 'attribute' | 'none', disabledAttribute: s.disabledAttribute ?? '', disabledValue: s.disabledValue ?? '',
    graceDays: s.graceDays, maxRemovalPercent: s.maxRemovalPercent, scheduleMinutes: s.scheduleMinutes ?? '',
  };
}

/** Which preset stored settings started from, judged by the id attribute (the one that differs most). */
export const presetOf = (s: DirectorySettingsView | null): PresetName =>
  s && s.idAttribute.toLowerCase() === DIRECTORY_PRESETS.openldap.idAttribute.toLowerCase() ? 'openldap' : 'ad';
