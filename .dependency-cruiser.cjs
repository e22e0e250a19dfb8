/**
 * The house rules: which folder may import which (`npm run deps`, part of `npm test`). One rule per
 * boundary; each comment says why the boundary exists. README "Layout" draws the same floors.
 */
const PROJECT = '^(api|lib|schemas|generators|sandbox|cleanroom|reporters|scripts|tests|bench|selftest)/|^[^/]+\\.ts$';

/** A folder that may import only the listed project folders (packages and node builtins are free). */
const onlyImports = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: PROJECT, pathNot: `^(${allowed.join('|')})/` },
});

/** A folder that must not import the given paths. */
const forbids = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a circle makes two modules one: neither can be read, tested or moved without the other',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    onlyImports('api-is-the-ground-floor', '^api/', ['api'],
      "api/ holds the Nexudus API's documented facts (catalogue, contract, limits, schemas, OpenAPI): facts must not depend on how the suite runs, so the sandbox and clean-room tenant can stand on them alone"),
    forbids('api-knows-no-test-runner', '^api/', '@playwright/test|node_modules/playwright',
      "the API's facts are read by the tenant emulators and the doc generators too: they must not need Playwright"),
    onlyImports('schemas-load-the-facts', '^schemas/', ['api', 'schemas'],
      'schemas/ is the compiled form of api/json-schemas.ts and its loader: it stands one floor above the facts and below everything that validates'),
    onlyImports('generators-know-only-the-catalogue', '^generators/', ['api', 'schemas', 'generators'],
      'payload generators build bodies from the catalogue and the request schemas; a generator that knew the client or the plan could not be tested on its own'),
    onlyImports('sandbox-is-a-tenant-not-the-runner', '^sandbox/', ['api', 'schemas', 'sandbox'],
      'the embedded sandbox emulates a tenant from the documented facts; if it imported the runner, a bug in the runner could make the sandbox agree with it'),
    onlyImports('cleanroom-is-independent', '^cleanroom/', ['cleanroom'],
      'the clean-room tenant was written from the documentation alone, as a second opinion: importing the suite would make it the sandbox in disguise'),
    onlyImports('config-stands-on-the-facts', '^lib/config/', ['api', 'schemas', 'lib/config'],
      'configuration (env, errors, redaction, profile) is read by every room above it: it may know the facts and nothing that runs'),
    onlyImports('client-speaks-http-only', '^lib/client/', ['api', 'schemas', 'lib/config', 'lib/client'],
      'the client sends requests and keeps tokens, pacing and the ledger; it knows nothing of plans, payloads or checks so the sweeper and the runner share it'),
    onlyImports('payloads-from-generators', '^lib/payloads/', ['api', 'schemas', 'generators', 'lib/config', 'lib/payloads'],
      'payloads are the generators bound to the run (seeds, clock, cover cases); they send nothing'),
    onlyImports('plan-is-pure', '^lib/plan/', ['api', 'lib/config', 'lib/payloads', 'lib/plan'],
      'the plan is computed the same way by the runner and every worker before anything is sent: it may not depend on the client or on either side'),
    onlyImports('handoff-is-shared-ground', '^lib/handoff/', ['api', 'lib/config', 'lib/client', 'lib/plan', 'lib/handoff'],
      'what the runner process and its workers hand each other (run state, pacer, token broker) sits below both, so neither side imports the other'),
    onlyImports('report-helpers-read-the-plan', '^lib/report/', ['api', 'lib/config', 'lib/plan', 'lib/handoff', 'lib/report'],
      'report helpers turn the plan and the contract into labels and documents; they run in reporters and scripts, never send'),
    forbids('runner-process-is-not-a-worker', '^lib/run/', '^(lib/checks|tests|reporters|scripts|selftest|bench)/',
      'global setup, sweep and teardown run in the runner process; importing the worker side would load fixtures and Playwright test state into it'),
    forbids('worker-is-not-the-runner-process', '^lib/checks/', '^(lib/run|sandbox|cleanroom|tests|reporters|scripts|selftest|bench)/',
      'checks run in workers; the runner hands them what they need through lib/handoff, never by importing global setup'),
    forbids('specs-run-in-workers', '^tests/', '^(lib/run|sandbox|cleanroom|reporters|scripts|selftest|bench)/',
      'the spec files are loops over the plan run by workers: they reach the tenant only through the check library'),
    onlyImports('reporters-read-results', '^reporters/', ['api', 'lib/config', 'lib/plan', 'lib/handoff', 'lib/report', 'reporters'],
      'reporters run in the runner after the checks: they read results and the run state, and never send or check'),
    forbids('product-never-imports-its-tests', '^(api|lib|schemas|generators|sandbox|cleanroom|reporters|scripts|tests)/', '^(selftest|bench)/',
      'the self-tests and the bench stand on top of the product; the product must not depend on them'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|allure-results|allure-report|test-results|selftest-results)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.cjs', '.json'] },
  },
};
