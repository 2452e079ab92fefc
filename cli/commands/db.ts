import type { Command } from 'commander';

/** `db verify [--fix]`: to be written. */
export function registerDb(_program: Command): void {}
