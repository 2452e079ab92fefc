import type { Command } from 'commander';

/** `import yaml|csv`: to be written. */
export function registerImport(_program: Command): void {}
