# The two commands a new machine needs are `make run` and `make test`; both
# install whatever is missing first, so nothing set up by hand is assumed.

GO       ?= go
# Debian packages Ebitengine needs to build with cgo on Linux, the X server
# the trainer's end-to-end tests run the real window in, and the headless
# browser the class report's end-to-end test opens the report in, and
# poppler's pdfinfo, which counts the pages it prints to; PostgreSQL, which
# the gradebook tests start (and stop) to run against it too.
APT_PKGS := gcc libc6-dev pkg-config libgl1-mesa-dev libxcursor-dev libxi-dev \
            libxinerama-dev libxrandr-dev libxxf86vm-dev libasound2-dev \
            xvfb xauth libgl1-mesa-dri chromium poppler-utils \
            postgresql xdotool
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB     := xvfb-run -a -s "-screen 0 1600x1000x24"

.PHONY: all run test deps go-check vet fmt-check unit e2e cross bench bench-trainer realx bench-grade bench-filed bench-serve web fuzz kill-test

all: test

## run: install what is missing, then open the trainer on the default exercise.
run: deps
	$(GO) run ./cmd/smptrainer $(ARGS)

## test: install what is missing, then run every test.
test: deps vet fmt-check unit e2e cross
	@echo "make test: all checks passed"

deps: go-check
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

# Go must be there to fetch the rest: Debian's golang-go is older than this
# module needs, but any Go from 1.21 on fetches the right toolchain itself
# (GOTOOLCHAIN=auto) from the module proxy.
go-check:
	@command -v $(GO) >/dev/null 2>&1 || { \
	  echo "Go not found: installing Debian's golang-go, which fetches the toolchain go.mod names"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q golang-go; }
	@v=$$($(GO) env GOVERSION | sed 's/^go//'); minor=$$(echo $$v | cut -d. -f2); \
	if [ "$$(echo $$v | cut -d. -f1)" = 1 ] && [ "$$minor" -lt 21 ]; then \
	  echo "Go $$v is too old to fetch the toolchain go.mod names (it needs Go 1.21 or newer)."; \
	  echo "Install a newer Go (Debian bookworm-backports' golang-1.21 or later, or Ubuntu 24.04's golang-go) and run make again."; \
	  exit 1; fi

vet:
	@echo "== make test [1/5]: go vet"
	$(GO) vet ./...

fmt-check:
	@echo "== make test [2/5]: gofmt"
	@out=$$(gofmt -l cmd sim assets); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Unit, property and golden-image tests of the domain, and every fuzz
# target's seed corpus (go test runs seeds as plain tests). Nothing here
# needs a display: that is the point of keeping Ebitengine out of sim/.
unit:
	@echo "== make test [3/5]: unit, property, golden and fuzz-seed tests of sim/ (no display)"
	$(GO) test -count=1 ./sim/... ./assets/...

## truth-long: the truth tests' long form, every session and three seeds
## (sim/pattern -long; minutes; make test runs the short form).
.PHONY: truth-long
truth-long: deps
	$(GO) test -count=1 -timeout=60m -run '^TestTruth' ./sim/pattern/ -long

## csr-long: recompute every embedded Clark–Evans reference of
## sim/score/csrtable.go by simulation (about 20 s; make test recomputes
## one node per zone). After a template or head-model change, rewrite the
## table: go test ./sim/score -run '^TestCSRTable$$' -update-csr
.PHONY: csr-long
csr-long: deps
	$(GO) test -count=1 -run '^TestCSRTable$$' ./sim/score/ -long

## examiner-long: the outside examiner's long form (cmd/smpgrade/internal/examiner):
## expert and faulty work laid by its own code on every template, session
## and three seeds, graded by the real smpgrade; prints the table; and skin
## blue noise on the bar's templates in every session (minutes; make test
## runs the short forms). ONLY=norwood3,areata limits the templates.
.PHONY: examiner-long
examiner-long: deps
	$(GO) test -count=1 -timeout=90m -run '^Test(Examiner|SkinBlueNoiseOnHead)$$' -v ./cmd/smpgrade/internal/examiner/ -long -only '$(ONLY)'

# The two programs as users meet them: the real trainer window driven by
# scripted input under a virtual X server, and smpgrade end to end,
# including its HTML report opened in headless Chromium. SMP_E2E=1 turns a
# missing display or browser into a failure instead of a skip, and a
# template golden that is stale (template changed since) into a failure.
e2e:
	@echo "== make test [4/5]: end-to-end tests of both programs (Xvfb, headless Chromium)"
	SMP_E2E=1 $(XVFB) $(GO) test -count=1 ./cmd/...
	SMP_E2E=1 SMP_REALX=60 $(XVFB) $(GO) test -count=1 -run '^TestRealXClicksUnderLoad$$' -v ./cmd/smptrainer
	SMP_E2E=1 $(GO) test -count=1 -run Golden ./sim/render

# Trainees use Windows and macOS laptops; the browser build must compile
# too, and its tests vet clean (a test using a Unix-only call needs a
# build constraint): a few seconds on a warm cache.
cross:
	@echo "== make test [5/5]: cross-builds for windows, darwin and js/wasm"
	GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null ./cmd/...
	GOOS=darwin  GOARCH=arm64 $(GO) build -o /dev/null ./cmd/...
	GOOS=js      GOARCH=wasm  $(GO) build -o /dev/null ./cmd/smptrainer
	GOOS=js      GOARCH=wasm  $(GO) vet ./cmd/smptrainer/...

## bench: the speed and memory figures quoted in the notes.
bench: deps
	$(GO) test -run='^$$' -bench=. -benchmem ./sim/... ./cmd/smpgrade/...

## bench-grade: `smpgrade score --json` on 100,000 impressions against a
## json.load + scipy cKDTree floor, side by side, with the ratio (issue 10).
bench-grade: deps
	scripts/bench-grade.sh

## bench-filed: score.Grade and a Live's add-and-report at 100,000
## impressions, this tree against the build issue 10 was filed on, side by
## side on one CPU, with the ratio (the issue's target: at most 20/44).
bench-filed: deps
	scripts/bench-filed.sh

## web: the trainer's browser build for the class server, into WEB (default
## web/; "smpgrade serve --web WEB" serves it): trainer.wasm and Go's
## wasm_exec.js.
WEB ?= web
web: go-check
	mkdir -p $(WEB)
	GOOS=js GOARCH=wasm $(GO) build -o $(WEB)/trainer.wasm ./cmd/smptrainer
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(WEB)/

## bench-serve: the class server under a class's load (2 minutes): 30
## trainees handing in every 10 s over loopback; prints p99 latency and
## the server's memory.
bench-serve: deps
	SMP_SERVE_LOAD=1 $(GO) test -count=1 -run '^TestServeLoad$$' -v ./cmd/smpgrade/ | grep -E '^(serve load|hand-in latency|server memory)|FAIL|ok'

## bench-trainer: frame times of the real window with 100,000 impressions,
## and an idle trainer's CPU use over 10 s with such a file open.
bench-trainer: deps
	$(XVFB) $(GO) run ./cmd/smptrainer -bench 100000
	$(XVFB) $(GO) test -run '^$$' -bench IdleCPU -benchtime 1x ./cmd/smptrainer

## realx: the long form of the real-X click test: 300 real X clicks
## (xdotool) of 0.1 s beside a CPU hog must place 300 impressions, all on
## target (about 3 minutes; make test runs it with the bar's 60 clicks,
## alone, after the other end-to-end tests). REALX sets the count.
REALX ?= 300
realx: deps
	SMP_E2E=1 SMP_REALX=$(REALX) $(XVFB) $(GO) test -count=1 -timeout=30m -run '^TestRealXClicksUnderLoad$$' -v ./cmd/smptrainer

## kill-test: the trainer killed with SIGKILL at 20 random (seeded) moments of
## editing (make test kills it 5 times); nothing older than the autosave
## window may be lost, and every recovery file must parse.
kill-test: deps
	SMP_E2E=1 SMP_KILLS=20 $(XVFB) $(GO) test -count=1 -run 'TestRandomKills' -v ./cmd/smptrainer

## fuzz: a longer run of each fuzz target (the seeds already run in `make test`).
FUZZTIME ?= 30s
# Go minimises every input that finds new coverage for up to a minute by
# default; with the scorer's inputs of up to 2,000 dots that left FuzzGrade
# 17 inputs a minute. Two seconds keeps the corpus small and lets it run
# about 9,000 a minute (28,000 with 1x).
FUZZMINIMIZE ?= 2s
fuzz:
	@for pkg in $$($(GO) list ./sim/... ./cmd/...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=$(FUZZMINIMIZE) $$pkg || exit 1; \
	  done; \
	done
