-- wrk script: each request sends one 360 form (21 behaviours) as its own rater, from a
-- file of "token assignment-id" lines made by competency_bench.sh. Threads take every
-- THREADS-th line from their own offset, so no form is sent twice; when a thread runs
-- out it repeats its last line (answered 409, counted as non-201).
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local pairs_of = {}
local next_index = 1
local body = nil
function init(args)
  local every = tonumber(os.getenv("THREADS") or "2")
  local n = 0
  for line in io.lines(os.getenv("PAIRS")) do
    if n % every == tid then
      local token, id = line:match("^(%S+) (%d+)$")
      table.insert(pairs_of, { token, id })
    end
    n = n + 1
  end
  local scores = {}
  for _, value in ipairs({ "BP", "AK", "KO", "HA", "LO", "AD", "KL" }) do
    for b = 1, 3 do table.insert(scores, string.format('"%s.%d":%d', value, b, 2 + (b + #scores) % 3)) end
  end
  body = '{"scores":{' .. table.concat(scores, ",") .. '},"comment":"Terus pertahankan."}'
end

function request()
  local p = pairs_of[math.min(next_index, #pairs_of)]
  next_index = next_index + 1
  return wrk.format("POST", "/api/v1/assignments/" .. p[2] .. "/submit",
                    { ["Authorization"] = "Bearer " .. p[1], ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-201 responses: %d\n", summary.errors.status))
end
