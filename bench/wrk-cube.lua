-- wrk script for docs/BENCHMARKS.md (server): run with QUDAO_KEY set to an API key with the kpi scope.
-- A dashboard cube query: net sales, orders and return rate by month and province over the last 365 days,
-- compared with the year before.
wrk.method = "POST"
wrk.path = "/api/v1/cube"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"measures":["net_sales","orders","return_rate"],"dimensions":["month","province"],"compare":"year"}'
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("QUDAO_KEY")
end
function response(status, headers, body)
  if status ~= 200 then io.stderr:write(status .. " " .. body .. "\n") end
end
