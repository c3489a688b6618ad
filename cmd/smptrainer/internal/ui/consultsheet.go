package ui

import (
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/consult"
)

// sheetTmpl is the printable client sheet: the aftercare the trainee wrote,
// each item with its day and the check against the sources, and the signs
// that mean "see a doctor". A4, no network, no script.
var sheetTmpl = template.Must(template.New("sheet").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aftercare for {{.Name}}</title>
<style>
@page { size: A4; margin: 18mm }
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 175mm; margin: auto }
h1 { font-size: 16pt; margin: 0 0 4pt } h2 { font-size: 12pt; margin: 14pt 0 4pt }
table { border-collapse: collapse; width: 100% } td, th { border-bottom: 1px solid #ccc; padding: 3pt 4pt; text-align: left; vertical-align: top }
.ok { color: #1a7f37 } .bad { color: #b42318 } .check { font-size: 9pt }
.note { font-size: 9pt; color: #555 }
</style></head><body>
<h1>Aftercare after scalp micropigmentation</h1>
<p>For {{.Name}} ({{.Client}}). Day 0 is the day of the session.</p>
{{if .Items}}<table>
<tr><th>What</th><th>From</th><th class="check">Checked against the sources</th></tr>
{{range .Items}}<tr><td>{{.What}}</td><td>{{.Day}}</td><td class="check {{if .OK}}ok{{else}}bad{{end}}">{{.Check}}</td></tr>
{{end}}</table>{{else}}<p class="bad">No aftercare sheet was written.</p>{{end}}
<h2>See a doctor if you notice</h2>
{{if .Signs}}<ul>{{range .Signs}}<li>{{.}}</li>{{end}}</ul>{{else}}<p class="bad">No signs were named.</p>{{end}}
{{range .SignNotes}}<p class="check {{if .OK}}ok{{else}}bad{{end}}">{{.Text}}</p>{{end}}
<p class="note">Written by a trainee in the SMP trainer and checked against the clinic and academy sources of domain-clients.md §3 (mostly tier T3: no peer-reviewed aftercare protocol exists). A practice sheet, not advice for a real client.</p>
</body></html>
`))

// sheetItem is one aftercare line of the sheet.
type sheetItem struct {
	What, Day, Check string
	OK               bool
}

// sheetNote is one checked remark.
type sheetNote struct {
	Text string
	OK   bool
}

// writeClientSheet writes the client sheet for c to path, atomically.
func writeClientSheet(path string, p *client.Client, cs *consult.Case, c *consult.Consultation, res *consult.Result) error {
	data := struct {
		Name, Client string
		Items        []sheetItem
		Signs        []string
		SignNotes    []sheetNote
	}{Name: p.Name, Client: cs.Client}
	notes := map[string]consult.Note{}
	for _, n := range res.Notes {
		if _, ok := notes[n.Item]; !ok {
			notes[n.Item] = n
		}
	}
	rs := consult.Rules()
	if c.Aftercare != nil {
		for _, it := range rs.Aftercare.Items {
			day := "not on the sheet"
			if d, ok := c.Aftercare.Days[it.ID]; ok {
				day = "day " + strconv.Itoa(d)
			}
			n := notes["aftercare."+it.ID]
			data.Items = append(data.Items, sheetItem{What: it.What, Day: day, Check: n.Text, OK: n.OK()})
		}
		for _, id := range c.Aftercare.SeeDoctor {
			data.Signs = append(data.Signs, sentence(id))
		}
		for _, n := range res.Notes {
			if n.Item == "aftercare.see_doctor" {
				data.SignNotes = append(data.SignNotes, sheetNote{n.Text, n.OK()})
			}
		}
	}
	return atomicfile.Write(path, func(w io.Writer) error { return sheetTmpl.Execute(w, data) })
}

// sentence turns a sign id into words: "yellow-green-discharge" →
// "yellow green discharge".
func sentence(id string) string { return strings.ReplaceAll(id, "-", " ") }
