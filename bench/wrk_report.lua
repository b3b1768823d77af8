-- wrk script for bench/run.py: rotates through the request paths listed in a file (one a line)
-- and prints one JSON line with the counts and latency percentiles (microseconds) at the end.
--   wrk -t1 -c4 -d15s -s bench/wrk_report.lua http://127.0.0.1:8765 -- paths.txt
local paths = {}
local counter = 0

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if line ~= "" then paths[#paths + 1] = line end
  end
  file:close()
  -- each wrk thread starts at a different place in the rotation
  counter = math.random(0, #paths - 1)
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, { ["Accept-Language"] = "fi" })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "mean_us": %.1f, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
