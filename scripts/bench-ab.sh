#!/usr/bin/env bash
# bench-ab.sh BASE_DIR NEW_DIR BENCH_REGEX [ROUNDS]: builds sim/score's test binary
# in each tree and runs the benchmark alternately (GOMAXPROCS=1), printing
# each run's cpu-ns/op and the minimum of each side. Both sides run pinned
# to one CPU (CPU, default 0): unpinned runs on a small VM can fall into
# two groups far apart whichever build runs. PKG picks another package,
# BT adds test flags (e.g. BT=-test.benchtime=200x).
set -euo pipefail
a=$1; b=$2; re=$3; n=${4:-5}
pkg=${PKG:-./sim/score}
tag=$(basename $b)
(cd $a && go test -c -o /tmp/ab-$tag-base.test $pkg)
(cd $b && go test -c -o /tmp/ab-$tag-new.test $pkg)
for i in $(seq $n); do
  for side in base new; do
    GOMAXPROCS=1 taskset -c ${CPU:-0} /tmp/ab-$tag-$side.test -test.run '^$' -test.bench "$re" -test.benchmem ${BT:-} 2>/dev/null | awk -v s=$side '/^Benchmark/{for(k=1;k<=NF;k++) if($k=="cpu-ns/op") print s, $1, $(k-1)}'
  done
done | tee /tmp/ab-$tag.out
awk '{k=$1" "$2; if(!(k in m) || $3<m[k]) m[k]=$3} END{for(k in m) printf "min %s %.0f\n", k, m[k]}' /tmp/ab-$tag.out | sort -k3
uptime
