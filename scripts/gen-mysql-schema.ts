/**
 * `npm run db:schema:mysql`: writes prisma/schema-mysql/schema.prisma from prisma/schema/schema.prisma.
 * Asterisk's models there (asterisk.prisma) come from its MySQL DDL: `npm run db:schema:asterisk`
 * with a mysql:// DATABASE_URL.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mysqlModels } from './asterisk-schema/mysql-models.ts';

const source = new URL('../prisma/schema/schema.prisma', import.meta.url);
const target = new URL('../prisma/schema-mysql/schema.prisma', import.meta.url);
writeFileSync(target, mysqlModels(readFileSync(source, 'utf8')));
console.log('wrote prisma/schema-mysql/schema.prisma');
