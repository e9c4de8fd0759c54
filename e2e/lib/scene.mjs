/** Data the screens' tests make through the API, as an administrator, a host and a platform would. */
import { fresh, gql } from './api.mjs';
import { mintToken, tokens } from './env.mjs';

/** A certified supplier in a region and a listed product of it; answers the product's id. */
export async function product(regionCode, { unitPrice = '118.00', referencePrice = '105.00', category = '肉制品' } = {}) {
  const supplier = (await gql(tokens.admin, `mutation($name: String!, $region: ID!) {
    registerSupplier(input: { name: $name, regionCode: $region, householdsBenefited: 3 }) { id } }`,
  { name: fresh('供应商'), region: regionCode })).registerSupplier.id;
  await gql(tokens.admin, 'mutation($id: ID!) { certifySupplier(id: $id) { id } }', { id: supplier });
  return (await gql(tokens.admin, `mutation($input: ProductInput!) { registerProduct(input: $input) { id } }`,
    { input: { name: fresh('山货'), category, originRegionCode: regionCode, supplierId: supplier, unitPrice, referencePrice } })).registerProduct.id;
}

/** A host streaming on kuaishou (the run's platform token) living in a region; answers { id, token }. */
export async function host(regionCode) {
  const id = (await gql(tokens.admin, `mutation($handle: String!) { registerStreamer(input: { handle: $handle,
    displayName: "八家村腊肉哥·测试", kind: FARMER, platform: "kuaishou", homeRegionCode: "${regionCode}" }) { id } }`,
  { handle: fresh('host') })).registerStreamer.id;
  return { id, token: mintToken('host', { streamer_id: id }) };
}

/** A session of the host promoting the products, started (LIVE); answers its id. */
export async function liveSession(hostId, regionCode, productIds) {
  const id = (await gql(tokens.admin, `mutation($input: SessionInput!) { scheduleSession(input: $input) { id } }`, {
    input: { title: fresh('巫溪山货直播间'), streamerId: hostId, regionCode, productIds,
      scheduledStart: new Date(Date.now() + 60_000).toISOString() },
  })).scheduleSession.id;
  await gql(tokens.admin, 'mutation($id: ID!) { startSession(id: $id) { id } }', { id });
  return id;
}

/** Records orders as the kuaishou platform (placed now); answers the receipt. */
export async function recordOrders(orders) {
  const placedAt = new Date().toISOString();
  const inputs = orders.map((o) => ({ platform: 'kuaishou', externalId: fresh('ks'), channel: o.sessionId ? 'LIVESTREAM' : 'ONLINE_PLATFORM',
    quantity: 1, buyerProvince: '370000', buyerRef: fresh('buyer'), placedAt, ...o }));
  const receipt = (await gql(tokens.platform, `mutation($inputs: [OrderInput!]!) {
    recordOrders(inputs: $inputs) { accepted duplicates rejected { index reason } } }`, { inputs })).recordOrders;
  if (receipt.accepted !== inputs.length) throw new Error(`orders not all accepted: ${JSON.stringify(receipt)}`);
  return receipt;
}
