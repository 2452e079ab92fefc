'use client';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while rendering on the server and hydrating, true in the browser after that. Charts draw
 * only then: their markup carries style attributes, which the portal's CSP (no 'unsafe-inline'
 * styles) blocks in server-rendered HTML, while styles React sets in the browser are allowed.
 */
export const useMounted = () => useSyncExternalStore(subscribe, () => true, () => false);
