// Builds (`create DIR`) and drops (`drop`, the templates in SESAME_TEST_DATABASE_TEMPLATES) the
// migrated template databases of one `npm test` run; scripts/test.mjs calls it before and after
// the test runner. `create` prints the value of SESAME_TEST_DATABASE_TEMPLATES.
import {
  createDatabaseTemplates,
  DATABASE_TEMPLATES_ENV,
  type DatabaseTemplates,
  dropDatabaseTemplates,
} from '../test/support/database-templates.ts';

const [command, dir] = process.argv.slice(2);
const adminUrl = process.env.DATABASE_URL;
if (command === 'create' && dir) {
  process.stdout.write(JSON.stringify(await createDatabaseTemplates(dir, adminUrl)));
} else if (command === 'drop') {
  const templates = JSON.parse(process.env[DATABASE_TEMPLATES_ENV] ?? 'null') as DatabaseTemplates | null;
  if (templates) await dropDatabaseTemplates(templates, adminUrl);
} else {
  console.error('usage: test-database-templates.ts create DIR | drop');
  process.exit(2);
}
