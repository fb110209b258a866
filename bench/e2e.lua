-- wrk script for the end-to-end benchmark: the real captured Taobao trade, each request a new order (its tid and
-- sub-order id replaced by a fresh number) from a new buyer (so the duplicate guard and purchase limits do not hold
-- the load), through intake → mapping → rules → outbox → sandbox systems.
-- Env: FIXTURES (dir), TOKEN, RUN (a number unique to the run, < 9e5), MAX (stop after this many requests per thread,
-- 0 = no limit).
local fixtures = os.getenv("FIXTURES") or "src/test/resources/fixtures"
local token = os.getenv("TOKEN") or "orderhub-demo-token"
local run = tonumber(os.getenv("RUN") or "1")
local max = tonumber(os.getenv("MAX") or "0")
local h = assert(io.open(fixtures .. "/taobao__trade_fullinfo_get_response_jdp_rds_captured.json", "rb"))
-- the captured trade was closed; the benchmark's orders are paid and waiting for shipment
local template = h:read("*a"):gsub('"TRADE_CLOSED_BY_TAOBAO"', '"WAIT_SELLER_SEND_GOODS"')
h:close()
-- the captured trade's id, also its single line's oid
local TID = "452790065331038"
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tno", threads)
end
local n = 0
request = function()
  n = n + 1
  if max > 0 and n > max then
    wrk.thread:stop()
  end
  -- 9 + run (5 digits) + thread (2) + sequence (7): unique, 15 digits like a real tid, no leading zero (a JSON number)
  local id = string.format("9%05d%02d%07d", run, tno or 0, n)
  local body = template:gsub(TID, id):gsub('"buyer_nick"%s*:%s*"[^"]*"', '"buyer_nick":"bench-' .. id .. '"')
  return wrk.format("POST", "/api/v1/intake/taobao",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non202=%d socket_errors=%d seconds=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(99) / 1000))
end
