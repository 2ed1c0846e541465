import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const ADAPTERS = join(REPO_ROOT, 'functions', 'adapters');

/** The package's import map (package.json `imports`), as the guarded files use it. */
const IMPORT_MAP = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).imports as Record<string, string>;

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic imports. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

const specifiersOf = (source: string): string[] => [...source.matchAll(SPECIFIER)].map((match) => match[1]!);

/** The file a specifier names, or undefined for a package. */
const resolved = (specifier: string, from: string): string | undefined => {
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier);
  for (const [pattern, target] of Object.entries(IMPORT_MAP)) {
    const prefix = pattern.replace(/\*$/, '');
    if (specifier.startsWith(prefix)) return resolve(REPO_ROOT, target.replace(/\*$/, ''), specifier.slice(prefix.length));
  }
  return undefined;
};

const isAdapter = (path: string | undefined): path is string => path !== undefined && path.startsWith(ADAPTERS + sep);
/** A composition root: the modules that hand the driving side its ports (composition.ts, documents-composition.ts, …). */
const isCompositionRoot = (path: string): boolean => dirname(path) === ADAPTERS && path.endsWith('composition.ts');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

/** `file: specifier` for each import of an adapter that the rule does not allow. */
const forbiddenImports = (dir: string, allowed: (adapter: string) => boolean): string[] =>
  sourceFiles(join(REPO_ROOT, dir)).flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8'))
      .filter((specifier) => {
        const target = resolved(specifier, file);
        return isAdapter(target) && !allowed(target);
      })
      .map((specifier) => `${relative(REPO_ROOT, file)}: ${specifier}`),
  );

describe('import layers: no import runs up from the domain or the driving side (HTTP, jobs, effects) to an adapter', () => {
  it('lets functions/http reach the adapters only through a composition root', () => {
    // Arrange
    const files = sourceFiles(join(REPO_ROOT, 'functions', 'http'));
    // Act
    const found = forbiddenImports(join('functions', 'http'), isCompositionRoot);
    // Assert
    expect(files.length).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it.each([
    ['functions/effects', 15],
    ['functions/jobs', 5],
  ])('lets %s reach the adapters only through a composition root, as functions/http does', (dir, atLeast) => {
    // Arrange
    const files = sourceFiles(join(REPO_ROOT, dir));
    // Act
    const found = forbiddenImports(dir, isCompositionRoot);
    // Assert
    expect(files.length).toBeGreaterThan(atLeast);
    expect(found).toEqual([]);
  });

  it('lets functions/domain import no adapter at all, not even a composition root', () => {
    // Arrange
    const files = sourceFiles(join(REPO_ROOT, 'functions', 'domain'));
    // Act
    const found = forbiddenImports(join('functions', 'domain'), () => false);
    // Assert
    expect(files.length).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it('recognizes the imports it guards against, and lets a composition root through', () => {
    // Arrange
    const file = join(REPO_ROOT, 'functions', 'http', 'middleware', 'sample.ts');
    const source = [
      "import { dynamoIdempotencyStore } from '#adapters/idempotency-store.ts';",
      "import type { PendingWork } from '#adapters/pending-work.ts';",
      "export { dynamo } from '../../adapters/dynamo.ts';",
      "const late = await import('#adapters/table-keys.ts');",
      "import '#adapters/clock.ts';",
      "import { healthPorts } from '#adapters/composition.ts';",
      "import { httpPorts } from '../../adapters/http-composition.ts';",
      "import { logger } from '#commons/logger.ts';",
      "import * as z from 'zod';",
    ].join('\n');
    // Act
    const targets = specifiersOf(source).map((specifier) => resolved(specifier, file));
    // Assert
    expect(targets.map((target) => (isAdapter(target) ? (isCompositionRoot(target) ? 'root' : 'adapter') : 'other'))).toEqual([
      'adapter',
      'adapter',
      'adapter',
      'adapter',
      'adapter',
      'root',
      'root',
      'other',
      'other',
    ]);
  });
});
