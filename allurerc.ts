/**
 * Allure 3 configuration (`npm run report`, or `npx allure generate -c allurerc.ts <results>`).
 * One single-file awesome report (opens from file://, no server, no Java, offline), the test tree
 * grouped module → endpoint → kind of check, and the suite's failure categories (reporters/classify.ts,
 * the same classifier the matrix and the exit code of `npm run conformance` use). docs/reports.md.
 */
import { defineConfig } from 'allure';
import { allureCategoryRules } from './reporters/classify.ts';

const out = process.env.NEXUDUS_OUT || 'out';

export default defineConfig({
  name: 'Nexudus conformance',
  output: process.env.NEXUDUS_ALLURE_REPORT || `${out}/allure-report`,
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: 'Nexudus conformance',
        reportLanguage: 'en',
        groupBy: ['epic', 'feature', 'story'],
      },
    },
  },
  categories: { rules: allureCategoryRules() as never },
});
