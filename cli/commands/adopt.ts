import type { Command } from 'commander';

/** `adopt`: to be written. */
export function registerAdopt(_program: Command): void {}
