-- wrk: each request a page view by one of the readers of $BENCH_TARGETS, at random.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local stafett = require("stafett")
local targets = stafett.targets(os.getenv("BENCH_TARGETS"))

function init()
  math.randomseed(math.floor(os.clock() * 1e9) + #targets)
end

function request()
  return stafett.read(targets[math.random(#targets)])
end
