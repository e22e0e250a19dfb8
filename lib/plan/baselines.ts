/**
 * Where the silent points of a plan keep their baselines, computed the way Playwright computes
 * `testInfo.snapshotPath(tenant, '<name>.json')` (lib/checks/baseline.ts) from the config's snapshotPathTemplate,
 * so global setup can tell before the first request that `--require-baselines` would fail every probe.
 */
import { isAbsolute, join, normalize, parse, relative, resolve } from 'node:path';
import { slug } from '../../api/catalogue/endpoints.ts';
import type { Check } from './vocabulary.ts';

/** The baseline a silent-point check compares with (tests/silent-points.spec.ts, tests/reads.spec.ts). */
export function baselineName(ch: Check): string | undefined {
  if (ch.kind !== 'silent points' || !ch.endpoint) return undefined;
  const e = ch.endpoint.entity;
  if (!ch.cover) return `${slug(e)}-get-deleted`;
  return `${slug(e)}-${ch.endpoint.method.toLowerCase()}-${ch.cover.rule}`;
}

/** The spec file that declares a silent-point check (for templates that use the test file's name). */
export const specFileOf = (ch: Check): string => (ch.cover ? 'silent-points.spec.ts' : 'reads.spec.ts');

export interface TemplateContext {
  /** the directory of the Playwright config: a relative template resolves against it */
  configDir: string;
  testDir: string;
  snapshotDir: string;
  projectName: string;
  /** absolute path of the spec file */
  testFile: string;
}

/**
 * Playwright's path template, applied to `<tenant>/<name>.json` as snapshotPath(tenant, `${name}.json`) does (a
 * `{token}` may carry one leading character). `{testName}` (a sanitised test title) is not known before the run: a
 * template that uses it is not supported (undefined).
 */
export function applySnapshotTemplate(template: string, c: TemplateContext, tenant: string, name: string): string | undefined {
  if (/\{(.)?testName\}/.test(template)) return undefined;
  const rel = relative(c.testDir, c.testFile);
  const file = parse(rel);
  const values: Record<string, string> = {
    testDir: c.testDir, snapshotDir: c.snapshotDir, snapshotSuffix: '', testFileDir: file.dir, platform: process.platform,
    projectName: c.projectName.replace(/[\x00-\x2C\x2E-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+/g, '-'),
    testFileBaseName: file.name, testFileName: file.base, testFilePath: rel, arg: join(tenant, name), ext: '.json',
  };
  // as Playwright does: only these three drop their leading character when empty
  const optional = new Set(['snapshotSuffix', 'projectName', 'ext']);
  const path = template.replace(/\{(.)?(testDir|snapshotDir|snapshotSuffix|testFileDir|platform|projectName|testFileBaseName|testFileName|testFilePath|arg|ext)\}/g,
    (_m, lead: string | undefined, token: string) => (!values[token] && optional.has(token) ? '' : `${lead ?? ''}${values[token]}`));
  return normalize(isAbsolute(path) ? path : resolve(c.configDir, path));
}
