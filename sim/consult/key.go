package consult

import "slices"

// need is one finding as it stands on the day of the consultation: which
// decisions deal with it, and the wait that is still to run.
type need struct {
	rule    *Rule
	finding Finding
	accept  []Decision
	key     Decision
	// wait says a postponement must run lo–hi more days.
	wait   bool
	lo, hi int
	// elapsed says the rule's wait has already run: the rule is met, but
	// treating is now right.
	elapsed bool
}

// strongest is the strength of the strongest decision that deals with n.
func (n *need) strongest() int {
	s := 0
	for _, d := range n.accept {
		s = max(s, d.strength())
	}
	return s
}

// RuleUnder18 is the id of the screening rule for minors. It applies when
// the client's profile (sim/client) gives an age under 18, so a case never
// lists it.
const RuleUnder18 = "under-18"

// needs works out, for each of the case's findings, what it asks for on
// the day: a wait counted from an event shrinks by the days since, and one
// that has run out leaves the client treatable. A minor's age comes first.
func (c *Case) needs(rs *RuleSet) []need {
	var out []need
	findings := c.Findings
	if p := c.Profile(); p != nil && p.Age < 18 {
		findings = append([]Finding{{Rule: RuleUnder18}}, findings...)
	}
	for _, f := range findings {
		r := rs.Rule(f.Rule)
		if r == nil {
			continue
		}
		n := need{rule: r, finding: f, accept: r.Accept, key: r.Key}
		if w := r.Wait; w != nil {
			n.wait, n.lo, n.hi = true, w.MinDays, w.MaxDays
			if e := c.event(f.Event); e != nil {
				n.lo, n.hi = w.MinDays-e.DaysAgo, w.MaxDays-e.DaysAgo
			}
			if n.lo <= 0 && r.Key != Treat {
				// The sources' shortest wait has run: treat, or wait
				// out the rest of the longest.
				n.elapsed, n.key, n.lo = true, Treat, 1
				n.accept = []Decision{Treat}
				n.wait = n.hi > 0
				if n.wait {
					n.accept = append(n.accept, Postpone)
				}
			}
		}
		out = append(out, n)
	}
	return out
}

// Key is the answer key of a case: the decision the rules give, the wait
// the sources accept when it is a postponement, and the reasons.
type Key struct {
	Decision Decision `json:"decision"`
	// MinDays and MaxDays are the shortest and longest wait the sources
	// accept, in days from the consultation; both 0 when no wait applies.
	MinDays int `json:"min_days,omitempty"`
	MaxDays int `json:"max_days,omitempty"`
	// Reasons are the ids of every rule that applies, in the case's order.
	Reasons []string `json:"reasons"`
}

// Key returns the case's answer key under the shipped rules.
func (c *Case) Key() Key { return c.key(Rules()) }

func (c *Case) key(rs *RuleSet) Key {
	ns := c.needs(rs)
	k := Key{Decision: Treat, Reasons: []string{}}
	for _, n := range ns {
		k.Reasons = append(k.Reasons, n.rule.ID)
	}
	// Try the strongest rule's key first (the one that governs), then
	// every decision, mildest first.
	var cands []Decision
	best := -1
	for _, n := range ns {
		if s := n.key.strength(); s > best {
			best, cands = s, []Decision{n.key}
		}
	}
	cands = append(cands, Decisions...)
	for _, d := range cands {
		ev := judge(ns, d)
		if ev.failed() || ev.overCautious {
			continue
		}
		k.Decision = d
		if ev.timed {
			k.MinDays, k.MaxDays = ev.lo, ev.hi
		}
		return k
	}
	return k // not reached with consistent rules: decline deals with everything
}

// verdict is how one decision deals with the needs.
type verdict struct {
	// fails are the needs the decision does not deal with.
	fails []*need
	// overCautious says the decision holds back more than any need asks.
	overCautious bool
	// timed says the decision must carry a wait of lo–hi days.
	timed  bool
	lo, hi int
	// differ are the needs dealt with whose sources differ.
	covered []*need
}

func (v *verdict) failed() bool { return len(v.fails) > 0 }

// judge works out how decision d deals with ns, leaving the wait's length
// to the caller.
func judge(ns []need, d Decision) verdict {
	var v verdict
	strongest := 0
	for i := range ns {
		n := &ns[i]
		strongest = max(strongest, n.strongest())
		switch {
		case slices.Contains(n.accept, d):
			if d == Postpone && n.wait {
				v.timed = true
				v.lo, v.hi = max(v.lo, n.lo), max(v.hi, n.hi)
			}
			v.covered = append(v.covered, n)
		case d.strength() > n.strongest():
			// A stronger decision covers it, but a wait the rule needs
			// still has to run unless the client is turned away.
			if n.wait && d != Decline && n.lo > 0 && !n.elapsed {
				v.timed = true
				v.lo, v.hi = max(v.lo, n.lo), max(v.hi, n.hi)
			}
			v.covered = append(v.covered, n)
		default:
			v.fails = append(v.fails, n)
		}
	}
	v.overCautious = d.strength() > strongest
	return v
}
