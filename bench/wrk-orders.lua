-- wrk script for docs/BENCHMARKS.md (server): run with QUDAO_KEY set to an API key with the write scope.
-- POST a new pending order per request; ids unique per wrk thread and run.
local counter = 0
local thread_id = 0
local run = os.time()
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  thread_id = tid
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("QUDAO_KEY")
end
function request()
  counter = counter + 1
  local id = string.format("WRK%d-%d-%d", run, thread_id, counter)
  local body = '{"order_id":"' .. id .. '","partner_id":"P000218","outlet_id":"O0001653","channel":"offline","ordered_at":"2026-11-01T02:11:56Z","status":"pending"}'
  return wrk.format(nil, "/api/v1/orders", nil, body)
end
function response(status, headers, body)
  if status ~= 201 then io.stderr:write(status .. " " .. body .. "\n") end
end
