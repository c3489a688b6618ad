#!/usr/bin/env bash
# bench-ab.sh BASE_DIR NEW_DIR BENCH_REGEX [ROUNDS]: builds sim/score's test binary
# in each tree and runs the benchmark alternately (GOMAXPROCS=1), printing
# each run's cpu-ns/op (ns/op where a side's benchmark does not report CPU
# time, as older trees' do not) and, per benchmark, the minimum of each
# side and their ratio new/base. Both sides run pinned to one CPU (CPU,
# default 0): unpinned runs on a small VM can fall into two groups far
# apart whichever build runs. PKG picks another package, BT adds test
# flags (e.g. BT=-test.benchtime=200x).
set -euo pipefail
a=$1; b=$2; re=$3; n=${4:-5}
pkg=${PKG:-./sim/score}
tag=$(basename "$(cd "$b" && pwd)")
(cd "$a" && go test -c -o /tmp/ab-$tag-base.test $pkg)
(cd "$b" && go test -c -o /tmp/ab-$tag-new.test $pkg)
for i in $(seq $n); do
  for side in base new; do
    GOMAXPROCS=1 taskset -c ${CPU:-0} /tmp/ab-$tag-$side.test -test.run '^$' -test.bench "$re" -test.benchmem ${BT:-} 2>/dev/null |
      awk -v s=$side '/^Benchmark/{v=$3; for(k=1;k<=NF;k++) if($k=="cpu-ns/op") v=$(k-1); print s, $1, v}'
  done
done | tee /tmp/ab-$tag.out
awk '{k=$2" "$1; if(!(k in m) || $3<m[k]) m[k]=$3; b[$2]=1}
  END{for(x in b) {printf "min %s base %.0f new %.0f ratio %.2f\n", x, m[x" base"], m[x" new"], m[x" new"]/m[x" base"]}}' /tmp/ab-$tag.out | sort
uptime
