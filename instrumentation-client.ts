import { z } from 'zod';

// The portal's CSP forbids eval (proxy.ts). zod would probe `new Function` on its first parse in
// the browser to compile fast parsers; the probe fails harmlessly but is reported as a CSP
// violation, so the forms' schemas run without it. Runs before hydration, before any form parses.
z.config({ jitless: true });
