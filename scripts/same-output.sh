#!/usr/bin/env bash
# same-output.sh: compares `smpgrade score --json` (stdout, stderr,
# exit code) of two smpgrade binaries over a corpus of session files:
# every template x style x session (seed 1, plus seed 2 for experts and
# patchy/random), the CLI's broken files and the recorder's hand-made
# sessions. The corpus is built once (by BASE_BIN) into $CORPUS
# (default ~/.cache/smp-corpus); delete it to rebuild.
#
# Usage: scripts/same-output.sh BASE_BIN NEW_BIN   (exit 1 if any differ)
set -uo pipefail
base=$1; new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CORPUS:-$HOME/.cache/smp-corpus}
if [ ! -f $dir/.done ]; then
  mkdir -p $dir
  for t in $($base templates | awk 'NR>1{print $1}'); do
    for st in expert random clumped grid hardline low-hairline filled-temples patchy; do
      for s in 1 2 3; do
        $base generate --template $t --style $st --session $s --seed 1 -o $dir/$t-$st-$s-1.json 2>/dev/null
        case $st in expert|patchy|random) $base generate --template $t --style $st --session $s --seed 2 -o $dir/$t-$st-$s-2.json 2>/dev/null;; esac
      done
    done
  done
  cp $root/cmd/smpgrade/internal/cli/testdata/broken/*.json $dir/ 2>/dev/null
  find "$root" -path '*/testdata/*' -name '*.json' -path '*hand*' -exec cp {} $dir/ \; 2>/dev/null
  touch $dir/.done
fi
n=0; bad=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in $dir/*.json; do
  n=$((n+1))
  a=$($base score --json "$f" 2>$tmp/a.err); ea=$?
  b=$($new score --json "$f" 2>$tmp/b.err); eb=$?
  if [ "$a" != "$b" ] || [ $ea != $eb ] || ! cmp -s $tmp/a.err $tmp/b.err; then
    bad=$((bad+1)); echo "DIFFERS: $f"
  fi
done
echo "corpus: $n files, $bad differ"
[ $bad = 0 ]
