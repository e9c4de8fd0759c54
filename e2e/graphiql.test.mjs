// The GraphQL UI (GraphiQL at /q/graphql-ui) runs a query the way the README tells a newcomer to.
import assert from 'node:assert/strict';
import { browserTest, screenshot } from './lib/browser.mjs';
import { tokens } from './lib/env.mjs';
import { openDocs, openGraphiQL, runQuery, typeHeaders, typeQuery } from './lib/graphiql.mjs';

// Regions are reference data from the migrations: present in every profile, demo data or not.
const query = '{ region(code: "500238") { code name level } }';

browserTest('a query typed into the UI with a bearer token answers its data', async (page) => {
  await openGraphiQL(page);
  await typeHeaders(page, { Authorization: `Bearer ${tokens.official}` });
  await typeQuery(page, query);

  const result = await runQuery(page);

  await screenshot(page, 'graphiql-query-with-token');
  const answer = JSON.parse(result);
  assert.deepEqual(answer.data, { region: { code: '500238', name: '巫溪县', level: 'DISTRICT' } },
    `the result pane shows:\n${result}`);
  assert.deepEqual(Object.keys(answer).sort(), ['data', 'extensions'], `the result pane shows:\n${result}`);
  // every answer says what it cost (docs/SECURITY.md, "Cost and rate limits")
  assert.equal(typeof answer.extensions.cost.requested, 'number', `the result pane shows:\n${result}`);
});

browserTest('a query run from the UI without a token answers unauthenticated', async (page) => {
  await openGraphiQL(page);
  await typeQuery(page, query);

  const result = await runQuery(page);

  await screenshot(page, 'graphiql-query-without-token');
  const answer = JSON.parse(result);
  assert.equal(answer.errors?.[0]?.extensions?.code, 'unauthenticated', `the result pane shows:\n${result}`);
  assert.equal(answer.data?.region ?? null, null, `the result pane shows:\n${result}`);
});

// GraphiQL loads the schema by introspection (no token needed) for its documentation, completion and checks.
browserTest('the UI loads the schema: its documentation lists the root types', async (page) => {
  await openGraphiQL(page);

  const docs = await openDocs(page);

  assert.match(docs, /query: Query\s+mutation: Mutation\s+subscription: Subscription/, `the documentation shows:\n${docs}`);
});
