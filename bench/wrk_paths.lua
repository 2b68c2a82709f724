-- wrk script of bench/catalog_bench.py: cycle through a list of paths and report percentiles.
--
--   wrk -t2 -c20 -d10s -s bench/wrk_paths.lua http://127.0.0.1:8000 -- paths.txt
--
-- paths.txt holds one path per line ("/v1/barrels?search=bourbon"). Each thread starts at a
-- different offset of the list, so concurrent clients do not ask for the same path in step.
-- done() prints one line, "WRK_RESULT {json}", with the request count, the duration and the
-- p50/p95/p99 latencies in microseconds (wrk's --latency prints 50/75/90/99 only), and the
-- error counts (status counts responses with a status of 400 or more).

local next_thread = 0

function setup(thread)
   thread:set("thread_number", next_thread)
   next_thread = next_thread + 1
end

local paths = {}
local counter = 0

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then
         paths[#paths + 1] = line
      end
   end
   if #paths == 0 then
      error("no paths in " .. args[1])
   end
   counter = ((thread_number or 0) * 7919) % #paths
   wrk.headers["Accept"] = "application/json"
end

function request()
   counter = counter + 1
   return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'WRK_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
      '"p99_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
