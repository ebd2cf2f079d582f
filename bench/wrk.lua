-- The body of every wrk script of the benchmark. bench/run.py writes, above it, a table BENCH = { path, method,
-- headers, expect, body, choices, uuid_field } for one page, then runs wrk with the whole file.
--
-- Each request is checked against the status the page must answer (BENCH.expect): any other one, redirects to the
-- login page included, counts as an error. A POST gets a fresh UUID in BENCH.uuid_field (a prefix unique to the
-- wrk run, from BENCH_UUID_PREFIX, then the thread number and a counter: never twice the same) and, for each of
-- BENCH.choices, a value drawn at random. done() prints one line "BENCH_WRK {json}" that bench/run.py reads.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  last_unexpected = 0
  counter = 0
  uuid_prefix = os.getenv("BENCH_UUID_PREFIX") or "00000000-0000-4000-8000-"
  math.randomseed(os.time() + tid * 7919)
  for name, value in pairs(BENCH.headers) do
    wrk.headers[name] = value
  end
  if BENCH.method == "POST" then
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  fixed = wrk.format(BENCH.method, BENCH.path)
end

function request()
  if BENCH.method ~= "POST" then
    return fixed
  end
  counter = counter + 1
  local parts = { BENCH.body }
  if BENCH.uuid_field ~= "" then
    parts[#parts + 1] = BENCH.uuid_field .. "=" .. string.format("%s%04x%08x", uuid_prefix, tid, counter)
  end
  for _, choice in ipairs(BENCH.choices) do
    local values = choice[2]
    parts[#parts + 1] = choice[1] .. "=" .. values[math.random(#values)]
  end
  return wrk.format(BENCH.method, BENCH.path, nil, table.concat(parts, "&"))
end

function response(status, headers, body)
  if status ~= BENCH.expect then
    unexpected = unexpected + 1
    last_unexpected = status
  end
end

function done(summary, latency, requests)
  local bad, last = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("unexpected") or 0)
    local status = thread:get("last_unexpected") or 0
    if status ~= 0 then
      last = status
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_WRK {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"mean_us": %.1f, "max_us": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, '
      .. '"status_errors": %d, "timeouts": %d, "unexpected_status": %d, "last_unexpected": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, bad, last
  ))
end
