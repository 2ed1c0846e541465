import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '#infra/bundle-functions.ts';
import { OPENAPI_FILE, openApiText } from '#infra/openapi-document.ts';

/**
 * Writes the OpenAPI document of the route table (infra/openapi-document.ts) to
 * functions/http/openapi.json, which GET /v1/openapi.json serves. Run after changing a route
 * or its schemas: `npm run openapi`; a test fails while the committed file is stale.
 */
writeFileSync(resolve(REPO_ROOT, OPENAPI_FILE), await openApiText());
console.log(`wrote ${OPENAPI_FILE}`);
