// What the benchmarks' drivers share: a GraphQL client of one jar (counting error answers) and the catalogue a
// benchmark sells from (a certified supplier of 巫溪 and one product of it).
export function client(port) {
  const api = `http://127.0.0.1:${port}/graphql`;
  const c = {
    errors: 0,
    // the answer's data, or null (counted in errors) for an HTTP error or an answer with errors
    async gql(token, query, variables) {
      const res = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }) });
      const body = await res.json();
      if (res.status !== 200 || body.errors) { c.errors++; if (c.errors < 3) console.error(JSON.stringify(body)); }
      return res.status === 200 && !body.errors ? body.data : null;
    },
  };
  return c;
}

export async function benchProduct(c, admin) {
  const supplier = (await c.gql(admin, 'mutation { registerSupplier(input: {name: "bench", regionCode: "500236", householdsBenefited: 1}) { id } }')).registerSupplier.id;
  await c.gql(admin, 'mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier });
  return (await c.gql(admin, 'mutation($s: ID!) { registerProduct(input: {name: "bench", category: "水果", originRegionCode: "500236", supplierId: $s, unitPrice: "10.00"}) { id } }', { s: supplier })).registerProduct.id;
}
