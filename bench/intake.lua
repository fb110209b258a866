-- wrk script: posts real platform payloads from shared/fixtures, round-robin over channels, each made unique by
-- one leading field so every request is a new durable write (not a duplicate).
-- Env: FIXTURES (dir), TOKEN, PATH_PREFIX (/api/v1/intake or /bench/null), RATE (requests/s over all connections,
-- 0 = as fast as possible), CONNECTIONS (for pacing).
local fixtures = os.getenv("FIXTURES") or "src/test/resources/fixtures"
local prefix = os.getenv("PATH_PREFIX") or "/api/v1/intake"
local token = os.getenv("TOKEN") or "orderhub-demo-token"
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "32")
local files = {
  {"taobao", "taobao__trade_fullinfo_get_response_jdp_rds_captured.json"},
  {"jd", "jd__pop_order_orderInfo_captured.json"},
  {"pdd", "pdd__cloud_dts_order_information_get_response_docsample.json"},
  {"douyin", "douyin_doudian__order_orderDetail_response.json"},
  {"youzan", "youzan__push_trade_TradeCreate.json"},
  {"wechat_channels", "wechat_channels__order_get_response.json"},
  {"shopify", "shopify__webhook_orders_create_captured_devstore.json"},
  {"kuaishou", "kuaishou__push_kwaishop_order_addOrder_decrypted_captured.json"},
}
local payloads = {}
for i, f in ipairs(files) do
  local h = assert(io.open(fixtures .. "/" .. f[2], "rb"))
  local body = h:read("*a"):gsub("^%s*{", "", 1)
  h:close()
  payloads[i] = {channel = f[1], rest = body}
end
-- RUN_ID makes bodies unique across runs against the same archive; setup() numbers the threads
local run = os.getenv("RUN_ID") or tostring(os.time())
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", tostring(threads))
end

local n = 0
request = function()
  n = n + 1
  local p = payloads[(n % #payloads) + 1]
  local body = '{"_bench":"' .. run .. '-' .. (tid or "0") .. '-' .. n .. '",' .. p.rest
  return wrk.format("POST", prefix .. "/" .. p.channel,
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

delay = function()
  if rate > 0 then
    -- each connection paces itself so that all together send RATE requests/s
    return math.random() * 2 * 1000 * connections / rate
  end
  return 0
end

local errors = 0
response = function(status, headers, body)
  if status ~= 202 then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  local ok = summary.requests - summary.errors.status - summary.errors.connect - summary.errors.read
      - summary.errors.write - summary.errors.timeout
  io.write(string.format("RESULT requests=%d ok_per_s=%.0f non202=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
    summary.requests, ok / (summary.duration / 1e6), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000))
end
