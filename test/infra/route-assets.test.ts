import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { ROUTES, routeKey } from '#http/routes.ts';
import { BUNDLE_FILE, REPO_ROOT, bundleDirName, bundleEntrySync } from '#infra/bundle-functions.ts';
import { toApiGatewayEvent } from '#infra/local/api-gateway-event.ts';
import { lambdaContext } from '#infra/local/lambda-context.ts';

/** The bundles the test run built once (test/support/bundle-functions-setup.ts), as deployed. */
const bundlesDir = inject('prebuiltBundlesDir');
const withAssets = ROUTES.filter((route) => route.assets !== undefined);
const bundleOf = (name: string) => join(bundlesDir, bundleDirName(ROUTES.find((route) => route.name === name)!.entry));

/** Invokes a route's deployed bundle (index.mjs) as Lambda would, from its own directory. */
async function invokeBundle(name: string, headers: Record<string, string>) {
  const route = ROUTES.find((candidate) => candidate.name === name)!;
  const module = (await import(pathToFileURL(join(bundleOf(name), BUNDLE_FILE)).href)) as { handler: (event: unknown, context: unknown) => Promise<any> };
  const event = toApiGatewayEvent(
    { method: route.method, url: route.path, headers, body: Buffer.alloc(0), sourceIp: '127.0.0.1', host: 'api.example' },
    { routeKey: routeKey(route), requestId: 'test', now: new Date() },
  );
  return module.handler(event, lambdaContext(name, 10_000));
}

describe('route assets (RouteDefinition.assets, infra/bundle-functions.ts)', () => {
  beforeAll(() => {
    // Every function's environment has its table (config.ts reads it on the first request); these routes never use it.
    vi.stubEnv('TABLE_NAME', 'ucc-route-assets');
  });

  it('copies each route’s assets beside its bundle, byte for byte, outside index.mjs', () => {
    // Assert
    expect(withAssets.map((route) => route.name).sort()).toEqual(['get-docs-script', 'get-openapi']);
    for (const route of withAssets) {
      for (const asset of route.assets ?? []) {
        const copied = readFileSync(join(bundlesDir, bundleDirName(route.entry), asset.to));
        expect(copied.equals(readFileSync(resolve(REPO_ROOT, asset.from))), `${route.name}: ${asset.to}`).toBe(true);
        // Not inside the bundle too: a stretch of the asset's text is nowhere in index.mjs.
        const bundle = readFileSync(join(bundlesDir, bundleDirName(route.entry), BUNDLE_FILE), 'utf8');
        expect(bundle.includes(copied.toString('utf8').slice(2000, 2200)), route.name).toBe(false);
      }
    }
  });

  it('copies them in the CDK app’s bundling of one function too (bundleEntrySync)', () => {
    // Arrange
    const outDir = mkdtempSync(join(tmpdir(), 'ucc-route-asset-'));
    // Act
    bundleEntrySync('functions/http/get-openapi.ts', outDir);
    // Assert
    expect(readdirSync(outDir).sort()).toEqual([BUNDLE_FILE, `${BUNDLE_FILE}.map`, 'openapi.json']);
    rmSync(outDir, { recursive: true, force: true });
  });

  it('lets the deployed script bundle serve the script from beside itself, gzipped, within Lambda’s 6 MB response', async () => {
    // Act
    const result = await invokeBundle('get-docs-script', { 'accept-encoding': 'gzip' });
    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(result.headers['content-encoding']).toBe('gzip');
    expect(result.isBase64Encoded).toBe(true);
    expect(JSON.stringify(result).length).toBeLessThan(6 * 1024 * 1024);
    expect(gunzipSync(Buffer.from(result.body, 'base64')).equals(readFileSync(join(bundleOf('get-docs-script'), 'api-reference.js')))).toBe(true);
  });

  it('answers a client without gzip with the plain script, still within 6 MB', async () => {
    // Act
    const result = await invokeBundle('get-docs-script', {});
    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded ?? false).toBe(false);
    expect(JSON.stringify(result).length).toBeLessThan(6 * 1024 * 1024);
  });

  it('lets the deployed document bundle serve the committed OpenAPI document', async () => {
    // Act
    const result = await invokeBundle('get-openapi', {});
    // Assert
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual(JSON.parse(readFileSync(resolve(REPO_ROOT, 'functions/http/openapi.json'), 'utf8')));
  });
});
