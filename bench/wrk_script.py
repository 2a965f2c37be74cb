"""The Lua script that has wrk (one thread) play a load plan and report in one JSON line."""

from __future__ import annotations

from pathlib import Path

from bench.loadgen import Plan, Rotation


def _quoted(text: str) -> str:
    return "[==[" + text + "]==]"


def _headers(headers: dict[str, str]) -> str:
    return "{" + ", ".join(f"[ {_quoted(k)} ] = {_quoted(v)}" for k, v in headers.items()) + "}"


def script_of(plan: Plan, scratch: Path) -> str:
    """The Lua script that has wrk play ``plan`` and print what it measured as BENCH-JSON
    (a rotation's paths go to a file in ``scratch``)."""
    if isinstance(plan, Rotation):
        paths = scratch / "paths.txt"
        paths.write_text("\n".join(plan.paths) + "\n")
        body = f"""
local paths = {{}}
for line in io.lines({_quoted(str(paths))}) do paths[#paths + 1] = line end
local headers = {_headers(plan.headers)}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end
"""
    else:
        stages = ",\n".join(
            f"{{method = {_quoted(s.method)}, path = {_quoted(s.path)}, "
            f"headers = {_headers(s.headers)}, body = {_quoted(s.body)}}}"
            for s in plan.stages
        )
        body = f"""
local stages = {{{stages}}}
local block, prefix, k, verified = {plan.block}, {_quoted(plan.prefix)}, 0, false
request = function()
  if not verified then  -- wrk calls request() once before the run to check it: send nothing
    verified = true
    return wrk.format("GET", "/healthz")
  end
  local per_block = block * #stages
  local first = math.floor(k / per_block) * block
  local within = k % per_block
  local stage = stages[math.floor(within / block) + 1]
  local code = prefix .. string.format("%07d", first + within % block)
  k = k + 1
  local path = string.gsub(stage.path, "{{CODE}}", code)
  local payload = string.gsub(stage.body, "{{CODE}}", code)
  return wrk.format(stage.method, path, stage.headers, payload)
end
"""
    return body + _DONE


_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH-JSON {"requests": %d, "duration_us": %d, "p50_us": %d, ' ..
    '"p90_us": %d, "p99_us": %d, "max_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""
