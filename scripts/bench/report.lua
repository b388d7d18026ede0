-- wrk prints its own summary; this adds one machine-readable line.
-- WRK_BODY, when set (even empty), makes the requests form POSTs with that body (a
-- server function call); WRK_COOKIES, space-separated session cookies, are
-- taken in turn, one per request, so several people use the page at once.
local body = os.getenv("WRK_BODY")
if body then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- WRK_PATHS, a file of paths one per line, are asked for in turn: each
-- thread starts at its own place in the list, so no two requests ask for the
-- same path until the list runs out.
local paths = {}
local path_file = os.getenv("WRK_PATHS")
if path_file then
  for line in io.lines(path_file) do table.insert(paths, line) end
end
local threads = 0
setup = function(thread)
  thread:set("number", threads)
  threads = threads + 1
end
local cookies = {}
for cookie in string.gmatch(os.getenv("WRK_COOKIES") or "", "%S+") do
  table.insert(cookies, cookie)
end
if #paths > 0 or #cookies > 0 then
  local turn
  request = function()
    turn = turn or (number or 0) * 100003
    turn = turn + 1
    if #cookies > 0 then
      wrk.headers["Cookie"] = cookies[turn % #cookies + 1]
    end
    if #paths > 0 then
      return wrk.format(nil, paths[turn % #paths + 1])
    end
    return wrk.format()
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
