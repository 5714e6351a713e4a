-- GET with a Bearer token: the URL given to wrk is requested as it is.
--   TOKEN=<access token> wrk -s bench/wrk/get_auth.lua 'http://127.0.0.1:PORT/api/v1/families/FID/entries?limit=20'
local token = os.getenv("TOKEN")
if token == nil or token == "" then
  error("set TOKEN to an access token")
end
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
