// Builds (`create`) and drops (`drop`, the one in SESAME_TEST_DATABASE_TEMPLATES) the migrated
// PostgreSQL template database of one `npm test` run on DATABASE_URL's server; scripts/test.mjs
// calls it before and after the test runner. `create` prints the value of SESAME_TEST_DATABASE_TEMPLATES.
import {
  createDatabaseTemplates,
  DATABASE_TEMPLATES_ENV,
  type DatabaseTemplates,
  dropDatabaseTemplates,
} from '../test/support/database-templates.ts';

const [command] = process.argv.slice(2);
const adminUrl = process.env.DATABASE_URL;
const templates = JSON.parse(process.env[DATABASE_TEMPLATES_ENV] ?? 'null') as DatabaseTemplates | null;
if (!adminUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
} else if (command === 'create') {
  process.stdout.write(JSON.stringify(await createDatabaseTemplates(adminUrl)));
} else if (command === 'drop' && templates) {
  await dropDatabaseTemplates(templates, adminUrl);
} else {
  console.error('usage: test-database-templates.ts create | drop');
  process.exit(2);
}
