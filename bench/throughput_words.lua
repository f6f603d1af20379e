-- wrk: a different search on every request, two words from the benchmark's list (bench/measure.py)
-- in turn, so that no search is remembered from an earlier request (1,024 of them).
local words = {"coaching", "civility", "allyship", "feedback", "wellbeing", "shadowing", "language", "recruitment", "exam", "adjustments", "cultural", "career", "leadership", "return", "flexible", "reverse", "bystander", "faculty", "foundation", "disabled", "network", "toolkit", "forum", "buddy", "course", "workshop", "supervisors", "graduates", "time", "black", "trainees", "pilot"}
local counter = 0
request = function()
  local first = words[counter % #words + 1]
  local second = words[math.floor(counter / #words) % #words + 1]
  counter = counter + 1
  local path = wrk.path:gsub("q=[^&]*", "q=" .. first .. "+" .. second)
  return wrk.format(nil, path)
end
