-- wrk script for bench/survey.sh: every request answers the survey with a household code
-- no request has used before. Usage:
--   wrk -t2 -c64 -d10s --latency -s bench/survey.lua http://127.0.0.1:PORT -- CODES_FILE THREADS
-- Each wrk thread has its own Lua state, so thread k takes the lines k, k+THREADS, k+2·THREADS, …
-- of CODES_FILE (one code a line). A thread that runs out of codes starts again from its first
-- one: those answers are refused (409) and counted as non-2xx, never as submissions.
-- done() prints one line for the shell script:
--   RESULT ok=N non2xx=N socket_errors=N seconds=S p50_ms=X p99_ms=X codes_used=N codes=N

local tid_next = 0
local threads = {}

function setup(thread)
  thread:set("tid", tid_next)
  tid_next = tid_next + 1
  table.insert(threads, thread)
end

local codes = {}
used = 0 -- globals: done() reads them from each thread
ncodes = 0
local bodies = {}
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local file, nthreads = args[1], tonumber(args[2] or "2")
  local i = 0
  for line in io.lines(file) do
    if line ~= "" then
      if i % nthreads == tid then codes[#codes + 1] = line end
      i = i + 1
    end
  end
  ncodes = #codes
  -- A few different answer sets (the figures add up whatever they are).
  for k = 0, 15 do
    local v = function(j) return 1 + (k * 7 + j * 3) % 5 end
    bodies[#bodies + 1] = string.format(
      '{"overall":%d,"dimensions":{"sanitation":%d,"greening":%d,"facilities":%d,"safety":%d,"fees_disclosure":%d,"responsiveness":%d},"comment":"%s"}',
      v(0), v(1), v(2), v(3), v(4), v(5), v(6), (k % 4 == 0) and "电梯经常停运" or "")
  end
end

function request()
  used = used + 1
  local code = codes[(used - 1) % #codes + 1]
  return wrk.format("POST", "/api/survey/" .. code, headers, bodies[used % #bodies + 1])
end

function done(summary, latency, requests)
  local used_total, codes_total = 0, 0
  for _, t in ipairs(threads) do
    used_total = used_total + (t:get("used") or 0)
    codes_total = codes_total + (t:get("ncodes") or 0)
  end
  local e = summary.errors
  local non2xx = e.status
  print(string.format("RESULT ok=%d non2xx=%d socket_errors=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f codes_used=%d codes=%d",
    summary.requests - non2xx, non2xx, e.connect + e.read + e.write + e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, used_total, codes_total))
end
