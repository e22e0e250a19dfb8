// Issue 6: the tenant profile schema accepts a good profile and rejects the typical mistakes.
import { test, expect } from '@playwright/test';
import { validate, describeErrors } from '../../schemas/ajv.ts';

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
  ['role with an unknown verb', { ...good, personas: { p: { username: 'u', password: 'p', roles: ['CoworkerTask-Write'] } } }],
  ['role without a verb', { ...good, personas: { p: { username: 'u', password: 'p', roles: ['CoworkerTask'] } } }],
  ['lower-case 2020 role spelling', { ...good, personas: { p: { username: 'u', password: 'p', roles: ['coworkertask-edit'] } } }],
  ['empty password', { ...good, personas: { p: { username: 'u', password: '' } } }],
  ['fixture Id as string', { ...good, fixtures: { businessId: '1414940210' } }],
  ['deniedStatus outside 4xx', { ...good, deniedStatus: 500 }],
];
for (const [what, profile] of mistakes) {
  test(`profile.json rejects: ${what}`, () => {
    expect(validate('profile.json', profile).valid).toBe(false);
  });
}
