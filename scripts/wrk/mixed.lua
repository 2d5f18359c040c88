-- wrk: a municipality's day: nine page views by the readers of $BENCH_TARGETS to each entry
-- written to the logs of $BENCH_WRITE_TARGETS, at random.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local stafett = require("stafett")
local readers = stafett.targets(os.getenv("BENCH_TARGETS"))
local writers = stafett.targets(os.getenv("BENCH_WRITE_TARGETS"))
local written = 0

function init()
  math.randomseed(math.floor(os.clock() * 1e9) + #readers)
end

function request()
  if math.random(10) == 1 then
    written = written + 1
    return stafett.write(writers[math.random(#writers)], "soak." .. tostring(math.random(1e9)) .. "." .. written)
  end
  return stafett.read(readers[math.random(#readers)])
end
