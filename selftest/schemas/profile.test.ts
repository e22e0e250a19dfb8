// Issue 6: the tenant profile schema accepts a good profile and rejects the typical mistakes.
import { test, expect } from '@playwright/test';
import { validate, describeErrors } from '../../schemas/ajv.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness.ts';

const good = {
  name: 'staging',
  baseUrl: 'https://spaces.nexudus.com',
  personas: {
    admin: { username: 'admin@example.com', password: '${NEXUDUS_ADMIN_PASSWORD}', fullAdmin: true },
    taskEditor: { username: 'tasks@example.com', password: '${NEXUDUS_TASKS_PASSWORD}', roles: ['CoworkerTask-Edit', 'CoworkerTask-Read'] },
  },
  fixtures: { businessId: 1414940210, inventoryAssetId: 12, responsibleId: 34 },
  allowWrites: false,
  deniedStatus: 401,
  limits: { writesPerMinute: 60, requestsPerMinute: 120 },
};

test('profile.json accepts a good profile with ${ENV} passwords', () => {
  const r = validate('profile.json', good);
  expect(r.valid, describeErrors(r.errors)).toBe(true);
});

const mistakes: [string, unknown][] = [
  ['no personas key', (({ personas: _p, ...rest }) => rest)(good)],
  ['empty personas', { ...good, personas: {} }],
  ['baseUrl without scheme', { ...good, baseUrl: 'spaces.nexudus.com' }],
  ['unknown top-level key (baseURL typo)', { ...good, baseURL: 'https://spaces.nexudus.com' }],
  ['unknown persona key', { ...good, personas: { admin: { ...good.personas.admin, pasword: 'x' } } }],
  ['role without a verb', { ...good, personas: { p: { username: 'u', password: 'p', roles: ['CoworkerTask'] } } }],
  ['empty password', { ...good, personas: { p: { username: 'u', password: '' } } }],
  ['fixture Id as string', { ...good, fixtures: { businessId: '1414940210' } }],
  ['deniedStatus outside 4xx', { ...good, deniedStatus: 500 }],
];
for (const [what, profile] of mistakes) {
  test(`profile.json rejects: ${what}`, () => {
    expect(validate('profile.json', profile).valid).toBe(false);
  });
}

// an unknown entity or action passes the format and is refused with a suggestion when the profile loads
// (selftest/safety/config-errors.test.ts); the 2020 lower-case spelling is a valid role name
test('profile.json accepts role names in either letter case', () => {
  const r = validate('profile.json', { ...good, personas: { ...good.personas, p: { username: 'u', password: 'p', roles: ['coworkertask-edit', 'CoworkerTask-Read'] } } });
  expect(r.valid, describeErrors(r.errors)).toBe(true);
});

test('the profile example in README is valid JSON that matches the profile format, so copying it works', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Tenant profiles'));
  const block = /```(\w+)\n([\s\S]*?)```/.exec(section);
  expect(block?.[1]).toBe('json');
  const r = validate('profile.json', JSON.parse(block![2]));
  expect(r.valid, describeErrors(r.errors)).toBe(true);
});
