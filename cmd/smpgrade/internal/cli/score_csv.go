package cli

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvFixed are the CSV columns before the criteria.
var csvFixed = []string{"file", "trainee", "template", "exercise", "session", "impressions", "edited_after_save", "overall"}

// writeCSV prints one header row and one row per graded file (RFC 4180,
// CRLF line ends). Every criterion exercise.Criteria knows has its three
// columns, ID_score, ID_value and ID_unit, whether or not it applies to
// these files, so sheets from different classes line up; a criterion that
// does not apply to a file leaves its cells empty.
func writeCSV(w io.Writer, reports []fileReport) error {
	ids := criterionIDs(reports, true)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := append([]string(nil), csvFixed...)
	for _, id := range ids {
		header = append(header, id+"_score", id+"_value", id+"_unit")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range reports {
		r := &reports[i]
		row := []string{
			cellText(r.File), cellText(r.Trainee), cellText(r.Template), cellText(r.Exercise),
			strconv.Itoa(r.Session), strconv.Itoa(r.Impressions), strconv.FormatBool(r.EditedAfterSave),
			csvNum(r.Overall),
		}
		for _, id := range ids {
			if c := r.criterion(id); c != nil {
				row = append(row, csvNum(c.Score), csvNum(c.Value), cellText(c.Unit))
			} else {
				row = append(row, "", "", "")
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvNum writes a number as a spreadsheet reads it: shortest form, no
// exponent (the values are already rounded to 4 decimals).
func csvNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// cellText guards a text cell against formula injection: a spreadsheet runs
// a cell that starts with = + - or @ (or a tab or carriage return) as a formula, so a trainee named
// "=HYPERLINK(…)" could plant a link or worse in the instructor's sheet.
// A leading ' makes the spreadsheet show the text as it is (OWASP, "CSV
// Injection").
func cellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
