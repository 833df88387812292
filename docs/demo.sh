#!/usr/bin/env bash
# The demo: a short story to watch in the hub's log and in Hawtio, against a hub started with the
# README's run command (`mvn spring-boot:run`: embedded database, built-in sandboxes, demo client).
#
#   KEY=<the operator API key the hub printed> bash docs/demo.sh
#
# 0. The channels: the hub registered its webhook subscriptions at the shop and the site at start-up
#    (registering again changes nothing), and the JTL-FFN channel is connected through JTL's OAuth
#    consent page (here the sandbox's, its "Allow" sent by curl as a browser would).
# 1. A merchant creates a product in the Shopify sandbox: it appears in WooCommerce and JTL-FFN.
# 2. The warehouse books stock in JTL-FFN: the figure reaches both shops (JTL is polled, every 10 s
#    with the sandbox profile).
# 3. The hub and the Shopify merchant rename the product within seconds: a conflict appears in the
#    conflicts list with both values, to be resolved in the console (/console/, the last line says where).
# Needs curl and jq. HUB (default http://localhost:8080) points at another hub.
set -euo pipefail

HUB=${HUB:-http://localhost:8080}
KEY=${KEY:?set KEY to the operator API key the hub printed at start-up (or your SYNC_OPERATOR_API_KEY)}
API=$HUB/api/integrations/product-sync
SANDBOX=$HUB/sandbox
SKU=DEMO-HOODIE-$(date +%s)
TIMEOUT=${DEMO_TIMEOUT_SECONDS:-60}
command -v jq > /dev/null || { echo "the demo needs jq (apt-get install jq)" >&2; exit 2; }

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
hub() { curl -sf -H "X-API-Key: $KEY" "$@"; }
json() { curl -sf -H 'Content-Type: application/json' "$@"; }

# wait_for "what" command...: runs the command every second until it succeeds
wait_for() {
  local what=$1; shift
  for _ in $(seq "$TIMEOUT"); do
    if "$@" > /dev/null 2>&1; then echo "   ok: $what"; return 0; fi
    sleep 1
  done
  echo "   FAILED: $what (not within ${TIMEOUT}s); see the hub's log and $API/status/demo" >&2
  exit 1
}

hub_product() { hub "$API/client/demo/product?sku=$SKU" | jq -e '.data'; }
in_woocommerce() { curl -sf "$SANDBOX/woocommerce/demo/merchant/products" | jq -e --arg sku "$SKU" '.[] | select(.sku == $sku)'; }
in_jtl() { curl -sf "$SANDBOX/jtl/demo/warehouse/products" | jq -e --arg sku "$SKU" '.[] | select(.merchantSku == $sku)'; }
shopify_stock_is() { curl -sf "$SANDBOX/shopify/demo/merchant/products/$SHOPIFY_ID" | jq -e --argjson n "$1" '.product.variants[0].inventory_quantity == $n'; }
woo_stock_is() { curl -sf "$SANDBOX/woocommerce/demo/merchant/products" | jq -e --arg sku "$SKU" --argjson n "$1" '.[] | select(.sku == $sku) | .stock_quantity == $n'; }
# the conflict of the two renames (the hub's rename may first conflict with the shop's name of step 1)
conflict_listed() { hub "$API/conflicts/demo" | jq -e --arg id "$PRODUCT_ID" '.data.conflicts[]
  | select(.productId == $id and .field == "name" and (.remoteValue | tostring | contains("renamed in Shopify")))'; }

curl -sf "$HUB/actuator/health" > /dev/null || { echo "no hub at $HUB: start it with mvn spring-boot:run" >&2; exit 1; }

step "0. The channels: webhook subscriptions and the JTL-FFN connect"
for channel in demo-shopify demo-woo; do
  hub -X POST "$API/channels/$channel/webhooks" | jq -r --arg c "$channel" '.data.topics[] | "   \($c) \(.topic): \(.action), \(.status), \(.address)"'
done
# the connect address redirects to JTL's consent page; "Allow" redirects back to the hub's callback
AUTHORIZE=$(hub -o /dev/null -w '%{redirect_url}' "$API/channels/demo-jtl/connect")
echo "   connect -> ${AUTHORIZE%%\?*}"
param() { sed -E "s/.*[?&]$1=([^&]*).*/\1/" <<< "$2"; }
CALLBACK=$(curl -sf -o /dev/null -w '%{redirect_url}' -X POST "${AUTHORIZE%%\?*}" \
  -d "client_id=$(param client_id "$AUTHORIZE")&redirect_uri=$(param redirect_uri "$AUTHORIZE")&state=$(param state "$AUTHORIZE")&decision=allow")
echo "   Allow -> ${CALLBACK%%\?*}"
curl -sf "$CALLBACK" | jq -r '"   " + .data.message'
hub "$API/channels?clientId=demo" | jq -r '.data.channels[] | "   \(.channelId): \(.state)"'

step "1. A merchant creates \"Demo Hoodie\" ($SKU) in the Shopify sandbox"
SHOPIFY_ID=$(json -X POST "$SANDBOX/shopify/demo/merchant/products" -d "{\"title\": \"Demo Hoodie\",
  \"vendor\": \"Demo\", \"variants\": [{\"sku\": \"$SKU\", \"price\": \"49.00\"}]}" | jq -r '.product.id')
echo "   Shopify product $SHOPIFY_ID; its products/create webhook goes to the hub"
wait_for "the hub has it (origin SHOPIFY)" hub_product
PRODUCT_ID=$(hub "$API/client/demo/product?sku=$SKU" | jq -r '.data.id')
echo "   hub product $PRODUCT_ID"
wait_for "WooCommerce has it" in_woocommerce
wait_for "JTL-FFN has it" in_jtl

step "2. The warehouse books 40 pieces of $SKU in JTL-FFN"
json -X POST "$SANDBOX/jtl/demo/warehouse/stock" \
  -d "{\"merchantSku\": \"$SKU\", \"stockLevel\": 40, \"changeType\": \"GoodsReceipt\"}" > /dev/null
echo "   the next JTL poll reads it (origin JTL) and pushes the stock to the shops"
wait_for "Shopify shows 40 in stock" shopify_stock_is 40
wait_for "WooCommerce shows 40 in stock" woo_stock_is 40

step "3. The hub and the Shopify merchant rename the product within seconds"
hub -X PATCH "$API/product/$PRODUCT_ID" -H 'Content-Type: application/json' \
  -d '{"name": "Demo Hoodie (renamed in the hub)"}' > /dev/null
sleep 2   # the hub's push reaches Shopify first; its echo is skipped
json -X PUT "$SANDBOX/shopify/demo/merchant/products/$SHOPIFY_ID" \
  -d '{"title": "Demo Hoodie (renamed in Shopify)"}' > /dev/null
wait_for "the conflict is listed" conflict_listed
hub "$API/conflicts/demo" | jq --arg id "$PRODUCT_ID" '.data.conflicts[] | select(.productId == $id)'

step "Done"
cat <<EOF
   The console:           $HUB/console/  (log in as operator with the printed password: channels,
                          this conflict to resolve, failed work, the product by its sku $SKU)
   Or resolve it by API:  curl -s -X POST $API/conflicts/$PRODUCT_ID/resolve -H "X-API-Key: \$KEY" \\
                            -H 'Content-Type: application/json' -d '{"resolution": "accept_local"}'
   The product's log:     curl -s -H "X-API-Key: \$KEY" "$API/product/$PRODUCT_ID/logs?limit=50"
   The routes in Hawtio:  $HUB/actuator/hawtio/camel/routes  (log in as operator with the printed password)
EOF
