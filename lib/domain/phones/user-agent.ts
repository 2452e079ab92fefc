/**
 * Which phone a registration came from, as far as the phone says: its User-Agent header (vendor,
 * model, firmware) and, when it reveals one, its MAC address (in the user agent, or as the node of
 * the version-1 UUID many phones put in their contact's +sip.instance).
 */
export type DeviceInfo = { vendor: string | null; model: string | null; firmware: string | null; mac: string | null };

type Rule = { re: RegExp; vendor: string; model: (m: RegExpExecArray) => string; firmware: (m: RegExpExecArray) => string | null };

// Each as the vendor's phones write it, e.g. "Yealink SIP-T46S 66.86.0.15".
const RULES: Rule[] = [
  { re: /^Yealink\s+(?:SIP[- ])?([A-Z0-9][\w-]*)\s+([\d.]+)/i, vendor: 'Yealink', model: (m) => m[1], firmware: (m) => m[2] },
  { re: /^Polycom[-\s]?([A-Za-z]+)[-_]([\w-]+?)-UA\/([\d.]+)/i, vendor: 'Polycom', model: (m) => `${m[1]} ${m[2].replace(/_/g, ' ')}`.replace(/^(\w+) \1 /, '$1 '), firmware: (m) => m[3] },
  { re: /^Grandstream\s+([\w-]+)\s+([\d.]+)/i, vendor: 'Grandstream', model: (m) => m[1], firmware: (m) => m[2] },
  { re: /^Cisco\/([\w-]+)-([\d.()a-z]+)/i, vendor: 'Cisco', model: (m) => m[1], firmware: (m) => m[2] },
  { re: /^snom([\w-]+)\/([\d.]+)/i, vendor: 'Snom', model: (m) => m[1].toUpperCase(), firmware: (m) => m[2] },
  { re: /^Fanvil\s+([\w-]+)\s+([\d.]+)/i, vendor: 'Fanvil', model: (m) => m[1], firmware: (m) => m[2] },
  { re: /^(?:OBIHAI|Obihai)\/([\w-]+)-([\d.]+)/i, vendor: 'Obihai', model: (m) => m[1], firmware: (m) => m[2] },
  { re: /^(Linphone|Zoiper|MicroSIP|Bria|X-Lite|Jitsi|Telephone|Acrobits|Groundwire|baresip)[\s/-]*(?:for\s+\w+\s*)?v?([\d.]+)?/i, vendor: 'Softphone', model: (m) => m[1], firmware: (m) => m[2] ?? null },
];

const MAC = /(?<![0-9a-f])([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})(?![0-9a-f])/i;
// urn:uuid:00000000-0000-1000-8000-0004F2xxxxxx: a version-1 UUID whose node is the MAC.
const INSTANCE = /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-([0-9a-f]{12})/i;

const asMac = (hex: string) => hex.toLowerCase().match(/../g)!.join(':');

export function macOf(...texts: (string | null | undefined)[]): string | null {
  for (const t of texts) {
    if (!t) continue;
    const inst = INSTANCE.exec(t);
    if (inst) return asMac(inst[1]);
  }
  for (const t of texts) {
    if (!t) continue;
    // Only in parentheses or after "MAC": a run of 12 hex digits elsewhere is too often something else.
    const labelled = /(?:mac[:=\s]*|\()([0-9a-f:-]{12,17})/i.exec(t);
    const m = labelled ? MAC.exec(labelled[1]) : null;
    if (m) return asMac(m.slice(1).join(''));
  }
  return null;
}

export function deviceInfo(userAgent: string | null | undefined, contactUri?: string | null): DeviceInfo {
  const mac = macOf(userAgent, contactUri);
  const ua = userAgent?.trim();
  if (!ua) return { vendor: null, model: null, firmware: null, mac };
  for (const r of RULES) {
    const m = r.re.exec(ua);
    if (m) return { vendor: r.vendor, model: r.model(m), firmware: r.firmware(m), mac };
  }
  return { vendor: null, model: ua.split(/[\s/]/)[0].slice(0, 120) || null, firmware: null, mac };
}
