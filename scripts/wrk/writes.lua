-- wrk: each request adds an entry to one of the logs of $BENCH_TARGETS, at random, as its
-- holder. Every entry the server acknowledged (its id) is appended to $BENCH_ACKED at the
-- end, so that the benchmark can check each one is there, once.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local stafett = require("stafett")
local targets = stafett.targets(os.getenv("BENCH_TARGETS"))
local threads = {}
local written = 0
-- Set in each thread's own state by setup.
thread_id = 0
acked = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_id", #threads)
end

function init()
  math.randomseed(math.floor(os.clock() * 1e9) + thread_id)
end

function request()
  written = written + 1
  return stafett.write(targets[math.random(#targets)],
    os.getenv("BENCH_RUN") .. "." .. thread_id .. "." .. written)
end

function response(status, headers, body)
  if status == 200 then
    acked[#acked + 1] = body:gsub('"', "")
  end
end

function done()
  local file = assert(io.open(os.getenv("BENCH_ACKED"), "a"))
  for _, thread in ipairs(threads) do
    for _, id in ipairs(thread:get("acked")) do
      file:write(id, "\n")
    end
  end
  file:close()
end
