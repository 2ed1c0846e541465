import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/bundle-functions.ts';

/** WCAG 2.1 relative luminance of an sRGB colour #rrggbb. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string): number => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

const css = readFileSync(join(REPO_ROOT, 'console', 'src', 'styles.css'), 'utf8');
const variable = (name: string): string => {
  const value = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css)?.[1];
  if (value === undefined) throw new Error(`styles.css has no --${name}`);
  return value;
};

describe('console colours (WCAG 2.1 AA)', () => {
  it('gives every text colour at least 4.5:1 on the background it is drawn on', () => {
    // Arrange: text on background, as styles.css pairs them
    const pairs: [string, string, string][] = [
      ['text', variable('fg'), variable('bg')],
      ['muted text', variable('muted'), variable('bg')],
      ['muted text on panels', variable('muted'), variable('panel')],
      ['header and primary buttons', variable('accent-fg'), variable('accent')],
      ['secondary buttons', variable('accent'), variable('bg')],
      ['problems', variable('danger'), '#fff5f5'],
      ['header muted text', '#dce7f2', variable('accent')],
      ['links', '#0000ee', variable('bg')],
    ];
    // Act
    const failing = pairs.map(([what, fg, bg]) => ({ what, ratio: Math.round(contrast(fg, bg) * 100) / 100 })).filter((pair) => pair.ratio < 4.5);
    // Assert
    expect(failing).toEqual([]);
  });

  it('draws the keyboard focus ring at least 3:1 against the page and the header (non-text contrast)', () => {
    // Arrange
    const ring = /^:focus-visible\s*\{[^}]*outline:[^;]*?(#[0-9a-fA-F]{6})/m.exec(css)?.[1] as string;
    const headerRing = /^header :focus-visible[^{]*\{[^}]*outline-color:\s*(#[0-9a-fA-F]{6})/m.exec(css)?.[1] as string;
    // Act / Assert
    expect(contrast(ring, variable('bg'))).toBeGreaterThanOrEqual(3);
    expect(contrast(ring, variable('panel'))).toBeGreaterThanOrEqual(3);
    expect(contrast(headerRing, variable('accent'))).toBeGreaterThanOrEqual(3);
  });
});
