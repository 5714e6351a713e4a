-- POST /api/v1/families/{fid}/entries with a Korean (and some English) JSON body, 1-2 tags.
--   TOKEN=<access token> MEMBER_IDS=<id>,<id>,... \
--     wrk -s bench/wrk/create_entry.lua 'http://127.0.0.1:PORT/api/v1/families/FID/entries'
-- The requests are formatted once per thread in init(); request() only picks the next one,
-- so the Lua side costs the same for every server.
local token = os.getenv("TOKEN")
local member_list = os.getenv("MEMBER_IDS")
if token == nil or token == "" or member_list == nil or member_list == "" then
  error("set TOKEN and MEMBER_IDS (comma-separated member ids of the family)")
end
local members = {}
for id in string.gmatch(member_list, "[^,]+") do members[#members + 1] = id end

local texts = {
  {"두발자전거", "서윤이가 드디어 두발자전거를 탔다! 공원을 두 바퀴나 돌았다. 정말 대견했다."},
  {nil, "유치원 재롱잔치에서 노래를 불렀다. 맨 앞줄에서 제일 크게 불렀다. 사진을 열 장도 넘게 찍었다."},
  {"병원", "열이 39도까지 올라서 밤에 소아과 응급실에 갔다. 새벽에야 열이 내렸다."},
  {"생일", "오늘은 다섯 번째 생일이었다. 케이크 촛불을 한 번에 껐다. 할머니께 영상 통화로 자랑했다."},
  {nil, "수영장에서 킥판 없이 5미터를 갔다. 물에 얼굴을 담그는 게 이제 무섭지 않단다."},
  {"제주도 여행", "가족 여행으로 제주도에 갔다. 바다를 보고 소리를 질렀다. 이 순간을 오래 기억하고 싶다."},
  {nil, "Took the first steps today: three steps, then sat down laughing. So proud."},
  {"첫 걸음마", "처음으로 걸음마를 뗐다. 세 걸음 걷고 엉덩방아를 찧었다. 시간이 너무 빨리 간다."},
}
local days = {"2025-05-05", "2025-08-15", "2025-12-24", "2026-01-01", "2026-03-02", "2026-06-06"}

local function json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

local requests = {}
local counter = 0

function init(args)
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
  for i, t in ipairs(texts) do
    local ids = {json_string(members[(i - 1) % #members + 1])}
    if i % 3 == 0 and #members > 1 then ids[2] = json_string(members[i % #members + 1]) end
    local body = '{"body":' .. json_string(t[2]) ..
                 ',"occurred_at":"' .. days[(i - 1) % #days + 1] .. '"' ..
                 ',"member_ids":[' .. table.concat(ids, ",") .. ']'
    if t[1] then body = body .. ',"title":' .. json_string(t[1]) end
    body = body .. "}"
    requests[#requests + 1] = wrk.format("POST", wrk.path, headers, body)
  end
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end
