#!/bin/sh
# Remakes the README screenshots with the trainer itself: each scripts/NAME.jsonl
# is a -replay script (see cmd/smptrainer -replay) run on a generated
# Norwood III session, writing NAME.png at the default 1280×800 window.
# Needs an X display (run under `xvfb-run -a -s "-screen 0 1600x1000x24"`).
# Usage, from the repository root: sh assets/screenshots/make.sh
set -eu
root=$(pwd)
out=$root/assets/screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/smptrainer" ./cmd/smptrainer
go build -o "$tmp/smpgrade" ./cmd/smpgrade
cd "$tmp"
shot() { # NAME STYLE (or - for the default exercise, no file)
	rm -rf data work.json
	if [ "$2" = - ]; then
		SMPTRAINER_DATA=$tmp/data ./smptrainer -replay "$out/scripts/$1.jsonl" -screenshot "$out/$1.png"
	else
		./smpgrade generate --template norwood3 --style "$2" --seed 3 -o work.json >/dev/null
		SMPTRAINER_DATA=$tmp/data ./smptrainer -replay "$out/scripts/$1.jsonl" -screenshot "$out/$1.png" work.json
	fi
	echo "$out/$1.png"
}
shot score-markers clumped
shot density-map patchy
shot expert-overlay random
shot review expert
shot hairline-profile expert
shot help -
shot mapping expert
shot consultation expert
