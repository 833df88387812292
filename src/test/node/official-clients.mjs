// The platforms' official Node clients drive the sandboxes with the calls the hub makes: the hub's own
// GraphQL documents (src/main/resources/graphql/shopify/*.graphql, passed in a JSON file by
// sandbox/OfficialClientsTest; every one of them must be sent)
// through @shopify/admin-api-client, and the hub's REST calls through @woocommerce/woocommerce-rest-api
// (over plain HTTP, so it signs them with OAuth 1.0a as it does against a real shop). Any refusal, error
// or answer the hub could not read fails the run.
//
//   node official-clients.mjs <sandbox base URL> <documents.json> <a URL that answers 2xx, for webhook pings>
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createAdminApiClient } from "@shopify/admin-api-client";
import WooCommerceRestApiModule from "@woocommerce/woocommerce-rest-api";

const WooCommerceRestApi = WooCommerceRestApiModule.default ?? WooCommerceRestApiModule;
const [base, documentsFile, pingUrl] = process.argv.slice(2);
const documents = JSON.parse(readFileSync(documentsFile, "utf8"));
const sku = `OFFICIAL-${Date.now()}`;

function step(name) {
  console.log(`-- ${name}`);
}

// ---- Shopify: the Admin API client, its https address mapped onto the sandbox shop
const shopify = createAdminApiClient({
  storeDomain: "demo.myshopify.com",
  apiVersion: "2026-04",
  accessToken: "sandbox-shopify-access-token",
  customFetchApi: (url, init) => fetch(url.replace("https://demo.myshopify.com", `${base}/sandbox/shopify/demo`), init),
  logger: () => {},
});

const used = new Set();

async function gql(name, variables) {
  assert.ok(documents[name], `no document ${name}`);
  used.add(name);
  const answer = await shopify.request(documents[name], { variables });
  assert.equal(answer.errors, undefined, `${name}: ${JSON.stringify(answer.errors)}`);
  assert.ok(answer.extensions?.cost?.throttleStatus, `${name}: no extensions.cost`);
  return answer.data;
}

function noUserErrors(name, payload) {
  assert.deepEqual(payload.userErrors, [], `${name}: ${JSON.stringify(payload.userErrors)}`);
}

step("Shopify productSet (create)");
const created = await gql("product-set", {
  input: {
    title: "Official client", descriptionHtml: "", vendor: "", productType: "", status: "ACTIVE", tags: ["a"],
    seo: { title: null, description: null }, collections: [],
    productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }],
    variants: [{
      price: "10.00", compareAtPrice: null, taxable: true,
      optionValues: [{ optionName: "Title", name: "Default Title" }],
      inventoryItem: { sku, tracked: true },
      inventoryQuantities: [{ locationId: "gid://shopify/Location/1", name: "available", quantity: 3 }],
    }],
  },
});
noUserErrors("productSet", created.productSet);
const product = created.productSet.product;
const variant = product.variants.nodes[0];
assert.match(product.id, /^gid:\/\/shopify\/Product\/\d+$/);
assert.deepEqual(Object.keys(variant).sort(), ["id", "inventoryItem", "inventoryQuantity", "updatedAt"]);

step("Shopify productVariantsBulkUpdate");
const updated = await gql("variants-bulk-update", { productId: product.id, variants: [{ id: variant.id, price: "12.00", compareAtPrice: null, taxable: true }] });
noUserErrors("productVariantsBulkUpdate", updated.productVariantsBulkUpdate);
assert.equal(updated.productVariantsBulkUpdate.productVariants[0].id, variant.id);

step("Shopify inventoryItem level at the channel's location");
const level = await gql("inventory-level", { id: variant.inventoryItem.id, locationId: "gid://shopify/Location/1" });
assert.deepEqual(level.inventoryItem.inventoryLevel.quantities, [{ name: "available", quantity: 3 }]);

step("Shopify inventorySetQuantities with changeFromQuantity");
const set = await gql("inventory-set-quantities", { input: { name: "available", reason: "correction", referenceDocumentUri: "gid://nolimits-sync-hub/SyncJob/1",
  quantities: [{ inventoryItemId: variant.inventoryItem.id, locationId: "gid://shopify/Location/1", quantity: 7, changeFromQuantity: 3 }] } });
noUserErrors("inventorySetQuantities", set.inventorySetQuantities);
assert.equal(set.inventorySetQuantities.inventoryAdjustmentGroup.changes[0].quantityAfterChange, 7);

step("Shopify products page (reconciliation)");
const page = await gql("products-page", { first: 50, after: null, query: "updated_at:>'2020-01-01T00:00:00Z'" });
assert.ok(page.products.nodes.some(p => p.id === product.id));
assert.equal(typeof page.products.pageInfo.hasNextPage, "boolean");

step("Shopify productVariants by sku, product by id (lookups)");
const bySku = await gql("variants-by-sku", { query: `sku:"${sku}"` });
assert.equal(bySku.productVariants.nodes[0].sku, sku);
const byId = await gql("product", { id: product.id });
assert.equal(byId.product.status, "ACTIVE");

step("Shopify webhook subscriptions");
const address = `${pingUrl.replace(/\/$/, "")}/official/products/update`;
const subscription = await gql("webhook-subscription-create", { topic: "PRODUCTS_UPDATE", subscription: { uri: address, format: "JSON" } });
noUserErrors("webhookSubscriptionCreate", subscription.webhookSubscriptionCreate);
const subscriptionId = subscription.webhookSubscriptionCreate.webhookSubscription.id;
const listed = await gql("webhook-subscriptions", {});
assert.ok(listed.webhookSubscriptions.nodes.some(s => s.id === subscriptionId && s.uri === address));
noUserErrors("webhookSubscriptionUpdate", (await gql("webhook-subscription-update", { id: subscriptionId, subscription: { uri: address + "2", format: "JSON" } }))
  .webhookSubscriptionUpdate);
noUserErrors("webhookSubscriptionDelete", (await gql("webhook-subscription-delete", { id: subscriptionId })).webhookSubscriptionDelete);

assert.deepEqual(Object.keys(documents).filter(name => !used.has(name)), [], "documents of the hub this run did not send");

// ---- WooCommerce: the REST API client, OAuth 1.0a over http
const woo = new WooCommerceRestApi({
  url: `${base}/sandbox/woocommerce/demo`, consumerKey: "ck_sandbox", consumerSecret: "cs_sandbox", version: "wc/v3",
});

async function rest(name, call, expected = 200) {
  try {
    const answer = await call();
    assert.equal(answer.status, expected, `${name}: ${answer.status}`);
    return answer;
  } catch (e) {
    throw new Error(`${name}: ${e.response ? e.response.status + " " + JSON.stringify(e.response.data) : e.message}`);
  }
}

step("WooCommerce create, update, read, find by sku");
const wooProduct = (await rest("POST products", () => woo.post("products", {
  name: "Official client", description: "", status: "publish", regular_price: "10.00", sale_price: "", tax_status: "taxable",
  tags: [], categories: [{ name: "Official" }], images: [], sku, manage_stock: true, stock_quantity: 3 }), 201)).data;
await rest("PUT products/{id}", () => woo.put(`products/${wooProduct.id}`, { regular_price: "12.00", sale_price: "" }));
assert.equal((await rest("GET products/{id}", () => woo.get(`products/${wooProduct.id}`))).data.price, "12.00");
const found = (await rest("GET products?sku=", () => woo.get("products", { sku }))).data;
assert.deepEqual(found.map(p => p.id), [wooProduct.id]);

step("WooCommerce batch and the reconciliation page");
const batch = (await rest("POST products/batch", () => woo.post("products/batch", {
  create: [{ name: "Batch one", sku: `${sku}-B` }], update: [{ id: wooProduct.id, name: "Official client 2" }] }))).data;
assert.equal(batch.create[0].sku, `${sku}-B`);
assert.equal(batch.update[0].name, "Official client 2");
const modified = await rest("GET products?modified_after=", () => woo.get("products", { modified_after: "2020-01-01T00:00:00",
  dates_are_gmt: true, orderby: "id", order: "asc", per_page: 1, page: 1 }));
assert.ok(Number(modified.headers["x-wp-total"]) >= 2);
assert.match(modified.headers["link"], /rel="next"/);

step("WooCommerce webhooks");
const hook = (await rest("POST webhooks", () => woo.post("webhooks", { name: "Official client", topic: "product.updated",
  delivery_url: `${pingUrl.replace(/\/$/, "")}/official/product.updated`, secret: "s3cret", status: "active" }), 201)).data;
assert.ok((await rest("GET webhooks", () => woo.get("webhooks", { per_page: 100 }))).data.some(w => w.id === hook.id));
assert.equal((await rest("PUT webhooks/{id}", () => woo.put(`webhooks/${hook.id}`, { status: "paused" }))).data.status, "paused");
await rest("DELETE webhooks/{id}", () => woo.delete(`webhooks/${hook.id}`, { force: true }));
await rest("DELETE products/{id}", () => woo.delete(`products/${wooProduct.id}`, { force: true }));

console.log("OK: every call the hub makes was accepted by the sandboxes through the official clients");
