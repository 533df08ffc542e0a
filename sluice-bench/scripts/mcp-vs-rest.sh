#!/bin/bash
# MCP search (POST /mcp tools/call) against /v1/search, same server, same queries, interleaved.
# Usage: [MODE=bm25|dense|hybrid] [ROUNDS=30] sluice-bench/scripts/mcp-vs-rest.sh  (needs curl, python3; port 7979)
# Each request is one curl process, so both columns carry the same client start-up; the first 3 rounds warm up.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# the launcher finds a JDK 25 itself (JAVA_HOME, PATH, the usual JVM folders)
W=$(mktemp -d)
./sluice ingest README.md docs --index "$W/index" > /dev/null 2>&1
KEY=$(./sluice keys create --principal bench --scopes query --index "$W/index" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
./sluice serve --index "$W/index" --port 7979 --no-access-log > "$W/serve.log" 2>&1 &
PID=$!
for i in $(seq 60); do curl -sf http://127.0.0.1:7979/readyz >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:7979/readyz >/dev/null || { echo "sluice serve did not start:" >&2; tail -20 "$W/serve.log" >&2; kill $PID 2>/dev/null; exit 1; }
Q=("how do incidents resolve" "embedding model from files" "access control inside the query" "quarantine reasons" "hybrid search fusion" "OpenLineage events" "contract maxPiiHits" "rerank candidates")
MODE=${MODE:-bm25}
rest=(); mcp=()
for round in $(seq ${ROUNDS:-30}); do
 for q in "${Q[@]}"; do
  enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$q")
  t1=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $KEY" "http://127.0.0.1:7979/v1/search?q=$enc&mode=$MODE&k=5")
  body=$(python3 -c 'import json,sys; print(json.dumps({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":{"query":sys.argv[1],"mode":sys.argv[2],"k":5}}}))' "$q" "$MODE")
  t2=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d "$body" http://127.0.0.1:7979/mcp)
  if [ $round -gt 3 ]; then rest+=($t1); mcp+=($t2); fi
 done
done
kill $PID; wait $PID 2>/dev/null || true
python3 - "${rest[*]}" "${mcp[*]}" <<'PY'
import sys
def pct(v,p): v=sorted(v); return v[min(len(v)-1,int(p*len(v)))]*1000
r=[float(x) for x in sys.argv[1].split()]; m=[float(x) for x in sys.argv[2].split()]
print(f"n={len(r)} /v1/search p50 {pct(r,.5):.1f} ms p99 {pct(r,.99):.1f} ms | /mcp search p50 {pct(m,.5):.1f} ms p99 {pct(m,.99):.1f} ms")
PY
rm -rf "$W"
