-- wrk script: POST one paper-form survey response per request (staff API, bearer token).
-- Answers vary per request so the count rows see realistic traffic.
local token = os.getenv("TOKEN")
local unit = os.getenv("UNIT")
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  counter = counter + 1
  local a = {}
  for i = 1, 9 do a[i] = string.format('"U%d":%d', i, 1 + (counter * i) % 4) end
  local body = string.format('{"unit":%s,"service":"KTP-EL","answers":{%s}}', unit, table.concat(a, ","))
  return wrk.format(nil, "/api/v1/skm/responses", nil, body)
end

local created, other = 0, 0
response = function(status)
  if status == 201 then created = created + 1 else other = other + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-201 responses: %d\n", summary.errors.status))
end
