/** The GraphQL API as the tests call it beside the page: POST /graphql with a bearer token. */
import { baseUrl } from './env.mjs';

/** Runs a query or mutation; answers data, or throws with the errors. */
export async function gql(token, query, variables = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Money as the API writes it, as a decimal string with two decimals (BigDecimal comes as a JSON number). */
export const money = (value) => Number(value).toFixed(2);

let unique = Date.now() % 1_000_000;
/** A name or external id not used before in this run. */
export const fresh = (prefix) => `${prefix}-${(unique++).toString(36)}`;
