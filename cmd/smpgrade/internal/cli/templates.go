package cli

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

const templatesHelp = `usage: smpgrade templates [--json]

Lists the scalp templates: id, name, hair-loss pattern, the area of skin the
chart covers, the area to treat, and the number of zones.

--json prints a JSON array with each template's full geometry. Every
position is [x_mm, y_mm] on the chart: origin at the apex of the head, +x
toward the client's right, +y toward the back of the head (the face is at
negative y). The chart is equal-area, so areas (area_cm2) are areas of skin,
but distances are not: "head" says how the chart maps onto the model head
(projection, centre, radius_mm, aspect; the formulas are in the README), so
chart millimetres can be taken to the skin and back.
Each zone has its polygon, its area and its target density (per cm²) for
sessions 1, 2 and 3; landmarks, the design hairline, existing hair and
scars follow.
`

// runTemplates is "smpgrade templates [--json]".
func runTemplates(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("templates", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the full geometry as JSON")
	pos, status, done := parseArgs(fs, args, templatesHelp, stdout, stderr)
	if done {
		return status
	}
	if len(pos) > 0 {
		return usageErr(stderr, "templates", templatesHelp, "unexpected argument %q", pos[0])
	}
	all := scalp.All()
	if len(all) == 0 {
		fmt.Fprintln(stderr, "smpgrade templates: no templates: the embedded template files failed to load")
		return exitFailed
	}
	if *asJSON {
		out := make([]templateJSON, 0, len(all))
		for _, t := range all {
			out = append(out, templateToJSON(t))
		}
		return writeJSON(stdout, stderr, "templates", out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tname\tpattern\tchart cm²\ttreated cm²\tzones")
	for _, t := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.0f\t%.0f\t%d\n", t.ID, t.Name, t.Pattern, t.AreaCM2(), t.TreatedAreaCM2(), len(t.Zones))
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "smpgrade templates: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// xy is a chart position written as [x_mm, y_mm].
type xy [2]float64

// The JSON shapes of "smpgrade templates --json".
type (
	templateJSON struct {
		ID             string        `json:"id"`
		Name           string        `json:"name"`
		Description    string        `json:"description"`
		Pattern        string        `json:"pattern"`
		Head           scalp.Head    `json:"head"`
		Skin           string        `json:"skin"`
		HairColour     string        `json:"hair_colour"`
		AreaCM2        float64       `json:"area_cm2"`
		TreatedAreaCM2 float64       `json:"treated_area_cm2"`
		Outline        []xy          `json:"outline"`
		Zones          []zoneJSON    `json:"zones"`
		Landmarks      *landmarkJSON `json:"landmarks,omitempty"`
		DesignHairline []xy          `json:"design_hairline,omitempty"`
		Hair           []hairJSON    `json:"hair"`
		Scars          []scarJSON    `json:"scars"`
	}
	zoneJSON struct {
		ID      string       `json:"id"`
		Name    string       `json:"name"`
		Kind    string       `json:"kind"`
		Treated bool         `json:"treated"`
		AreaCM2 float64      `json:"area_cm2"`
		Polygon []xy         `json:"polygon"`
		Targets []targetJSON `json:"targets"`
	}
	targetJSON struct {
		Session int     `json:"session"`
		Min     float64 `json:"min_per_cm2"`
		Max     float64 `json:"max_per_cm2"`
	}
	landmarkJSON struct {
		Midline       []xy `json:"midline"`
		Glabella      xy   `json:"glabella"`
		BrowLine      []xy `json:"brow_line"`
		CanthusLeft   []xy `json:"canthus_left"`
		CanthusRight  []xy `json:"canthus_right"`
		MidPupilLeft  []xy `json:"mid_pupil_left,omitempty"`
		MidPupilRight []xy `json:"mid_pupil_right,omitempty"`
	}
	hairJSON struct {
		ID            string  `json:"id"`
		AreaCM2       float64 `json:"area_cm2"`
		DensityPerCM2 float64 `json:"density_per_cm2"`
		Colour        string  `json:"colour"`
		Polygon       []xy    `json:"polygon"`
	}
	scarJSON struct {
		ID      string  `json:"id"`
		Kind    string  `json:"kind"`
		AreaCM2 float64 `json:"area_cm2"`
		Polygon []xy    `json:"polygon"`
	}
)

func templateToJSON(t *scalp.Template) templateJSON {
	j := templateJSON{
		ID: t.ID, Name: t.Name, Description: t.Description, Pattern: t.Pattern, Head: t.Head,
		Skin: t.Skin, HairColour: t.HairColour,
		AreaCM2: round4(t.AreaCM2()), TreatedAreaCM2: round4(t.TreatedAreaCM2()),
		Outline: pts(t.Outline), DesignHairline: pts(t.DesignHairline),
		Zones: []zoneJSON{}, Hair: []hairJSON{}, Scars: []scarJSON{},
	}
	for _, z := range t.Zones {
		zj := zoneJSON{ID: z.ID, Name: z.Name, Kind: string(z.Kind), Treated: z.Treated(),
			AreaCM2: round4(z.Polygon.AreaCM2()), Polygon: pts(z.Polygon)}
		for s, b := range z.Targets {
			zj.Targets = append(zj.Targets, targetJSON{Session: s + 1, Min: round4(b.Min), Max: round4(b.Max)})
		}
		j.Zones = append(j.Zones, zj)
	}
	if l := t.Landmarks; l != nil {
		j.Landmarks = landmarksToJSON(l)
	}
	for _, h := range t.Hair {
		j.Hair = append(j.Hair, hairJSON{ID: h.ID, AreaCM2: round4(h.Polygon.AreaCM2()),
			DensityPerCM2: round4(h.DensityPerCM2), Colour: h.Colour, Polygon: pts(h.Polygon)})
	}
	for _, s := range t.Scars {
		j.Scars = append(j.Scars, scarJSON{ID: s.ID, Kind: string(s.Kind), AreaCM2: round4(s.Polygon.AreaCM2()), Polygon: pts(s.Polygon)})
	}
	return j
}

func landmarksToJSON(l *scalp.Landmarks) *landmarkJSON {
	return &landmarkJSON{
		Midline: pts(l.Midline), Glabella: pt(l.Glabella), BrowLine: pts(l.BrowLine),
		CanthusLeft: pts(l.CanthusLeft), CanthusRight: pts(l.CanthusRight),
		MidPupilLeft: pts(l.MidPupilLeft), MidPupilRight: pts(l.MidPupilRight),
	}
}

// pt rounds to 0.1 µm: exact enough for any use of a chart, and it keeps
// the output free of float noise such as 12.499999999999998.
func pt(p geom.Point) xy { return xy{round4(p.X), round4(p.Y)} }

func pts[S ~[]geom.Point](ps S) []xy {
	if ps == nil {
		return nil
	}
	out := make([]xy, len(ps))
	for i, p := range ps {
		out[i] = pt(p)
	}
	return out
}
