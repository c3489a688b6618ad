package score

import (
	"fmt"
	"math"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
)

// IDColour is the colour criterion's id.
const IDColour = "colour"

// The colour criterion's fault codes (shade.Judge finds them).
const (
	FaultTooDark   FaultCode = shade.FaultTooDark
	FaultTooLight  FaultCode = shade.FaultTooLight
	FaultInvisible FaultCode = shade.FaultInvisible
	FaultBlueGrey  FaultCode = shade.FaultBlueGrey
)

// The colour faults' titles, for tables and the class page's common faults;
// the sentences are shade.Judge's.
func init() {
	RegisterFaults(map[FaultCode]FaultName{
		FaultTooDark:   {Title: "Shade too dark", Marker: MarkerSpot},
		FaultTooLight:  {Title: "Shade too light", Marker: MarkerSpot},
		FaultInvisible: {Title: "Won't show on this skin", Marker: MarkerSpot},
		FaultBlueGrey:  {Title: "Will turn blue-grey", Marker: MarkerSpot},
	})
}

// colourPrep is a template's client for the colour criterion, read once:
// skin, hair and the reference stubble the work is compared with.
type colourPrep struct {
	client shade.Client
	ref    viewer.Patch
}

func buildColourPrep(t *scalp.Template, session int) *colourPrep {
	if t.Skin == "" || t.HairColour == "" {
		return nil
	}
	c, err := shade.ClientOf(t, session)
	if err != nil {
		return nil
	}
	return &colourPrep{client: c, ref: shade.Reference(c.Skin, c.Hair, c.PerCM2)}
}

// mixKey is a pigment at a dilution: what the trainee chooses.
type mixKey struct {
	pigment  string
	dilution float64
}

// lookKey is everything a healed dot's look depends on apart from the
// skin, except for dots that vary per dot (appearance.VariesPerDot).
type lookKey struct {
	mix   mixKey
	diam  float64
	group impression.Grouping
	gauge float64
	depth impression.Depth
}

// lookKeyOf returns dot im's look key.
func lookKeyOf(im *impression.Impression) lookKey {
	return lookKey{mixKey{im.Pigment, im.Dilution}, im.DiameterMM, im.Needle.Grouping, im.Needle.GaugeMM, im.Depth}
}

// colourAgg counts the live dots per healed look, so the work can be seen
// as a patch of marks (viewer.Patch). Dots that look alike share one entry
// of looks, so a dot costs an int32 and a removal takes exactly its share
// back out.
type colourAgg struct {
	dot   []int32 // per dot: index into looks, -1 when not filed
	looks []look
	live  int // live dots filed
	ids   map[lookKey]int32
	last  lookKey // the previous cached key and its look: runs of dots share one
	lastI int32
	mixes []mixKey
	mixN  []int // live dots per mix
	mixID map[mixKey]int32
	// mixNeedle is the needle of each mix's first dot, for the advice.
	mixNeedle []impression.Needle
}

// look is one healed look, its mix and how many live dots have it.
type look struct {
	lk  appearance.Look
	mix int32
	n   int
}

// lookOf returns the index of dot im's look on the skin, computing it the
// first time a key is seen.
func (c *colourAgg) lookOf(im impression.Impression, skin colorful.Color) int32 {
	k := lookKeyOf(&im)
	// Shallow dots heal one lighter than the next, and a NaN never matches
	// a cached key: neither is cached (each gets a look of its own).
	vary := appearance.VariesPerDot(im) || math.IsNaN(im.DiameterMM) || math.IsNaN(im.Dilution) || math.IsNaN(im.Needle.GaugeMM)
	if !vary {
		if c.lastI >= 0 && k == c.last {
			return c.lastI
		}
		if id, ok := c.ids[k]; ok {
			c.last, c.lastI = k, id
			return id
		}
	}
	lk := appearance.Dot(im, skin, appearance.Healed)
	if !(lk.DiameterMM > 0) || math.IsInf(lk.DiameterMM, 0) {
		lk.DiameterMM = 0 // seen as nothing
	}
	id := int32(len(c.looks))
	c.looks = append(c.looks, look{lk: lk, mix: c.mixOf(k.mix, im.Needle)})
	if !vary {
		if c.ids == nil {
			c.ids = map[lookKey]int32{}
		}
		c.ids[k] = id
		c.last, c.lastI = k, id
	}
	return id
}

// mixOf returns the index of mix m, filing it the first time with needle n.
func (c *colourAgg) mixOf(m mixKey, n impression.Needle) int32 {
	if c.mixID == nil {
		c.mixID = map[mixKey]int32{}
	}
	id, ok := c.mixID[m]
	if !ok {
		id = int32(len(c.mixes))
		c.mixID[m] = id
		c.mixes = append(c.mixes, m)
		c.mixN = append(c.mixN, 0)
		c.mixNeedle = append(c.mixNeedle, n)
	}
	return id
}

func mixLess(a, b mixKey) bool {
	if a.pigment != b.pigment {
		return a.pigment < b.pigment
	}
	return a.dilution < b.dilution
}

// grow makes room for dot ids up to i (dead dots keep an empty slot).
func (c *colourAgg) grow(i int32) {
	for int(i) >= len(c.dot) {
		c.dot = append(c.dot, -1)
	}
}

// add files live dot i.
func (c *colourAgg) add(i int32, im impression.Impression, skin colorful.Color) {
	c.grow(i)
	id := c.lookOf(im, skin)
	c.dot[i] = id
	c.looks[id].n++
	c.mixN[c.looks[id].mix]++
	c.live++
}

// remove takes dot i out.
func (c *colourAgg) remove(i int32) {
	if int(i) >= len(c.dot) || c.dot[i] < 0 {
		return
	}
	lk := &c.looks[c.dot[i]]
	lk.n--
	c.mixN[lk.mix]--
	c.live--
	c.dot[i] = -1
}

// colourFiler files a grade's dots into the colour criterion's looks as
// measure meets them, in one pass with the rest of its per-dot work (the
// impressions are the largest array a grade reads). Runs of dots made
// alike share one look (lookOf remembers the last key), so the dots of a
// run are counted together, without a call per dot. A nil filer (no skin
// and hair target) files nothing.
type colourFiler struct {
	c    *colourAgg
	skin colorful.Color
	id   int32 // the look of the current run
	run  int   // its dots
}

// startColour starts filing a grade of n impressions into s.col, reusing
// the previous grade's per-dot array.
func (s *state) startColour(n int) *colourFiler {
	cp := s.p.colour
	if cp == nil {
		return nil
	}
	var dot []int32
	if s.old != nil && s.old.col != nil {
		dot = s.old.col.dot
	}
	s.col = &colourAgg{dot: reuse(dot, n), lastI: -1}
	return &colourFiler{c: s.col, skin: cp.client.Skin, id: -1}
}

// file files live dot i, made as im.
func (f *colourFiler) file(i int, im *impression.Impression) {
	if f == nil {
		return
	}
	if f.run == 0 || !f.c.sameAsLast(f.id, im) {
		f.flush()
		f.id, f.run = f.c.lookOf(*im, f.skin), 0
	}
	f.c.dot[i] = f.id
	f.run++
}

// skip marks dot i as not live.
func (f *colourFiler) skip(i int) {
	if f != nil {
		f.c.dot[i] = -1
	}
}

// flush counts the current run into its look and mix.
func (f *colourFiler) flush() {
	if f == nil || f.run == 0 {
		return
	}
	c := f.c
	c.looks[f.id].n += f.run
	c.mixN[c.looks[f.id].mix] += f.run
	c.live += f.run
	f.run = 0
}

// sameAsLast reports whether dot im has look id, the last one lookOf
// remembered (a dot with a look of its own, appearance.VariesPerDot, or
// a NaN in its key never has).
func (c *colourAgg) sameAsLast(id int32, im *impression.Impression) bool {
	return id >= 0 && c.lastI == id && !appearance.VariesPerDot(*im) && c.last.of(im)
}

// of reports whether k is dot im's look key, lookKeyOf(im) == k, field by
// field without building the key (the same answer: a NaN is unequal
// either way).
func (k *lookKey) of(im *impression.Impression) bool {
	return im.DiameterMM == k.diam && im.Dilution == k.mix.dilution && im.Needle.GaugeMM == k.gauge &&
		im.Needle.Grouping == k.group && im.Pigment == k.mix.pigment && im.Depth == k.depth
}

// work is the trainee's healed work as a patch of marks at the reference
// stubble's density: the criterion judges the shade and the dots, not how
// many there are (the density criterion's job).
func (c *colourAgg) work(cp *colourPrep) viewer.Patch {
	p := viewer.Patch{Skin: cp.client.Skin}
	for _, l := range c.looks {
		if l.n > 0 && l.lk.DiameterMM > 0 {
			p.Marks = append(p.Marks, viewer.Marks{DiameterMM: l.lk.DiameterMM, Colour: l.lk.Colour,
				PerCM2: cp.client.PerCM2 * float64(l.n) / float64(c.live)})
		}
	}
	return p
}

// colour grades what is seen (domain.md §7, §9): the healed work on the
// client's skin against his stubble on the same skin, both seen from
// viewer.DefaultDistanceM, by shade.Judge: full marks with the area colour
// within shade.AreaFullJND and the texture ratio within
// shade.TextureFullMin–TextureFullMax, falling off on either side, capped
// when the main mix will turn blue-grey. Not applicable without a skin
// and hair target or without dots.
func (s *state) colour() (Criterion, bool) {
	cp, ca := s.p.colour, s.col
	if cp == nil || ca == nil || s.n == 0 || ca.live <= 0 {
		return Criterion{}, false
	}
	top := -1
	for id, m := range ca.mixes {
		if ca.mixN[id] <= 0 {
			continue
		}
		// Ties go to the smaller pigment id and dilution, so the advice does
		// not depend on the order of the impressions.
		if top < 0 || ca.mixN[id] > ca.mixN[top] || (ca.mixN[id] == ca.mixN[top] && mixLess(m, ca.mixes[top])) {
			top = id
		}
	}
	var main shade.Mix
	if top >= 0 {
		main = shade.Mix{Pigment: ca.mixes[top].pigment, Dilution: ca.mixes[top].dilution, Needle: ca.mixNeedle[top]}
	}
	v := shade.Viewing{Needle: main.Needle, PerCM2: cp.client.PerCM2}
	j := shade.Judge(ca.work(cp), cp.ref, main, cp.client.Skin, cp.client.Hair, v)
	c := Criterion{ID: IDColour, Name: "Colour", Unit: "× texture", Value: j.Seen.TextureRatio,
		Target: fmt.Sprintf("%g–%g× the stubble's texture, area colour within %g ΔE00, seen from %g m",
			shade.TextureFullMin, shade.TextureFullMax, shade.AreaFullJND, viewer.DefaultDistanceM),
		Score:    100 * j.Match,
		Feedback: j.Feedback,
		Faults:   []Fault{},
		Parts: []Part{
			{ID: "area_de00", Score: 100 * j.Match, Value: j.Seen.AreaDE, Unit: "ΔE00"},
			{ID: "texture_ratio", Score: 100 * j.Match, Value: j.Seen.TextureRatio, Unit: "×"},
			{ID: "blue_drift", Score: 100 * j.Match, Value: j.BlueDrift, Unit: "ΔE00"},
		},
	}
	for _, f := range j.Faults {
		// The shade is a property of the whole work: no places.
		c.Faults = append(c.Faults, Fault{Code: FaultCode(f), Marker: MarkerSpot, Places: []geom.Point{}})
	}
	return c, true
}
