import { buildOpenApi } from '../lib/api/openapi.ts';
import { OPERATIONS } from '../lib/api/operations/index.ts';
import { Validator } from '@seriousme/openapi-schema-validator';
const doc = buildOpenApi(OPERATIONS, 'http://127.0.0.1:3000');
const v = new Validator();
const r = await v.validate(doc as never);
console.log(JSON.stringify(r).slice(0, 2000));
console.log(Object.keys((doc as any).components.schemas));
console.log(JSON.stringify((doc as any).paths['/api/v1/tenants/{tenant}/extensions'].get.parameters).slice(0,800));
