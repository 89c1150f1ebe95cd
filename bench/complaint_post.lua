-- wrk script: POST one citizen's report per request (public API, no account), each from
-- its own address (X-Forwarded-For; the server runs with --trust-proxy), so the per-source
-- limit of the report door is not what is measured.
local counter = 0
wrk.method = "POST"

request = function()
  counter = counter + 1
  local body = string.format(
    '{"kind":"pengaduan","instansi":"KAB-SAMBAS","happened_on":"%s","identity":"anonymous",' ..
    '"description":"Antrean KTP-el sangat lama dan nomor %d tidak dipanggil sesuai urutan."}',
    os.date("%Y-%m-%d"), counter)
  -- Headers given here replace wrk.headers, so the content type goes along.
  local headers = { ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d",
      math.random(0, 255), math.floor(counter / 256) % 256, counter % 256) }
  return wrk.format(nil, "/api/v1/complaints", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-201 responses: %d\n", summary.errors.status))
end
