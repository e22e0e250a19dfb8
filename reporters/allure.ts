/**
 * allure-playwright, adapted to the suite (used in playwright.config.ts instead of 'allure-playwright'):
 *
 *  - labels: the checks carry Playwright annotations `epic`/`feature`/`story`/`severity` (lib/report/annotations.ts,
 *    also shown by Playwright's HTML report). allure-playwright only turns annotations named
 *    `@allure.label.<name>` into labels and renders the others as fake steps, so they are renamed here
 *    on the way in. Result: epic = module, feature = endpoint, story = kind of check, severity.
 *  - links and parameters: the `reference` annotation (the endpoint's doc page) and the parameter
 *    annotations (persona, rule, field, seed, credentials) are handed to allure-playwright as the runtime
 *    messages `allure.link()` / `allure.parameter()` would have sent from the worker, without their cost
 *    there (each runtime call is a step with a captured stack).
 *  - failure text: a property failure leads with the failed assertion (generators/params.ts); an error that has a `cause`
 *    gets the cause's message appended, so the Allure categories (allurerc.ts) see it.
 *  - environment: allure-playwright's `environmentInfo` is fixed when the config is read, before global
 *    setup knows the tenant. At the end of the run this reporter writes `environment.properties` into the
 *    results directory from the run state (tenant, base URL, mode, suite version, commit, run id, shard).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AllureReporter } from 'allure-playwright';
import type { FullConfig, TestCase, TestResult } from '@playwright/test/reporter';
import { errorText } from './classify.ts';
import { environmentOf, writeEnvironmentProperties } from './environment.ts';
import { PARAMETER_ANNOTATIONS } from '../lib/report/annotations.ts';

/** allure-js-commons' content type for runtime messages (ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE) */
const RUNTIME_MESSAGE = 'application/vnd.allure.message+json';

/** Annotations lib/report/annotations.ts writes, and the Allure label each becomes. */
const LABEL_ANNOTATIONS = new Set(['epic', 'feature', 'story', 'severity', 'owner', 'layer']);
/** Annotations that become Allure links and parameters (runtime metadata), not fake steps. */
const METADATA_ANNOTATIONS = new Set<string>(['reference', ...PARAMETER_ANNOTATIONS]);

export interface ConformanceAllureOptions extends NonNullable<ConstructorParameters<typeof AllureReporter>[0]> {
  /** NEXUDUS_OUT of the run (run state lives under <outDir>/run) */
  outDir?: string;
}

export default class ConformanceAllureReporter extends AllureReporter {
  private readonly outDir: string;
  private shard: FullConfig['shard'] = null;

  constructor(options: ConformanceAllureOptions = {}) {
    const { outDir, ...rest } = options;
    super(rest);
    this.outDir = resolve(outDir ?? 'out');
  }

  override onConfigure(config: FullConfig): void {
    this.shard = config.shard;
    super.onConfigure(config);
  }

  override onTestBegin(test: TestCase): void {
    super.onTestBegin(withAllureLabels(test));
  }

  override async onTestEnd(test: TestCase, result: TestResult): Promise<void> {
    const cause = result.error?.cause;
    const props: PropertyDescriptorMap = {};
    if (result.error && cause) props.error = { value: { ...result.error, message: errorText(result.error) }, enumerable: true };
    const metadata = metadataMessage(test);
    if (metadata) props.attachments = { value: [metadata, ...result.attachments], enumerable: true };
    return super.onTestEnd(withAllureLabels(test), Object.keys(props).length ? (Object.create(result, props) as TestResult) : result);
  }

  override async onEnd(): Promise<void> {
    await super.onEnd();
    const resultsDir = resolve(this.options.resultsDir ?? 'allure-results');
    const env = environmentOf(this.outDir, { shard: this.shard ? `${this.shard.current}/${this.shard.total}` : undefined });
    if (!env) return;
    mkdirSync(resultsDir, { recursive: true });
    writeEnvironmentProperties(resultsDir, env);
  }
}

/** The same test, seen with `@allure.label.<name>` annotation types and without the metadata ones (the original is left untouched). */
function withAllureLabels(test: TestCase): TestCase {
  if (!test.annotations.some((a) => LABEL_ANNOTATIONS.has(a.type) || METADATA_ANNOTATIONS.has(a.type))) return test;
  const annotations = test.annotations
    .filter((a) => !METADATA_ANNOTATIONS.has(a.type))
    .map((a) => (LABEL_ANNOTATIONS.has(a.type) ? { ...a, type: `@allure.label.${a.type}` } : a));
  return Object.create(test, { annotations: { value: annotations, enumerable: true } }) as TestCase;
}

/** The link and parameters a check declares, as one Allure runtime message. */
function metadataMessage(test: TestCase): TestResult['attachments'][number] | undefined {
  const links = test.annotations.filter((a) => a.type === 'reference' && a.description)
    .map((a) => ({ type: 'link', url: a.description!, name: `${test.annotations.find((x) => x.type === 'feature')?.description ?? 'endpoint'} reference` }));
  const parameters = PARAMETER_ANNOTATIONS.flatMap((k) => test.annotations.filter((a) => a.type === k && a.description).map((a) => ({ name: k, value: a.description! })));
  if (!links.length && !parameters.length) return undefined;
  return { name: 'allure-metadata.json', contentType: RUNTIME_MESSAGE, body: Buffer.from(JSON.stringify({ type: 'metadata', data: { links, parameters } })) };
}
