/**
 * `npm run contract`: writes docs/contract.md from the clauses, the seed pages and the plan of the embedded
 * sandbox's profile in explore mode (the drift test in selftest/contract compares the committed file).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractText } from '../lib/report/contract-build.ts';

const path = fileURLToPath(new URL('../docs/contract.md', import.meta.url));
writeFileSync(path, contractText());
console.log(`wrote docs/contract.md`);
