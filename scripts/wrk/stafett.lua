-- What the wrk scripts share: the files of targets and the requests a browser would send.
local stafett = {}

-- The lines of `file`: a login cookie's value and a path or a log's id each.
function stafett.targets(file)
  local targets = {}
  for line in io.lines(file) do
    local token, target = line:match("^(%S+) (%S+)$")
    targets[#targets + 1] = { cookie = "stafett_login=" .. token, target = target }
  end
  return targets
end

-- A page view of `target.target`, a path.
function stafett.read(target)
  return wrk.format("GET", target.target, { Cookie = target.cookie })
end

-- A new entry in the log `target.target`, as the app's own form sends it; `text` makes the
-- entry's body unique.
function stafett.write(target, text)
  local body = string.format("log_id=%s&body=Benchmark+entry+%s", target.target, text)
  return wrk.format("POST", "/api/add_entry", {
    Cookie = target.cookie,
    Origin = os.getenv("BENCH_ORIGIN"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
    Accept = "application/json",
  }, body)
end

return stafett
