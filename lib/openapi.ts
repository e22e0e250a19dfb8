/** Builds the OpenAPI 3.1 document of everything in the catalogue (issue 4). Filled in by the OpenAPI work. */
export function buildOpenApi(): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 'Nexudus Spaces REST API (conformance catalogue)', version: '0.0.0' }, paths: {} };
}
