package session

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/impression"
)

// Save writes s to path atomically (see package atomicfile): a save that
// fails leaves the previous file as it was. s is validated first and
// nothing is written if it is invalid; the error is an *Error naming path.
// Save does not touch s.Saved: the caller stamps it.
func Save(path string, s *Session) error {
	if e := validate(s, true); e != nil {
		e.File = path
		return e
	}
	return atomicfile.Write(path, func(w io.Writer) error { return encode(w, s) })
}

// Encode writes s in the full form of the current version: every field
// present, in a fixed order, one impression per line so that two saves of
// the same work diff line by line. "content_sha256" is s.Hash(), whatever
// s.ContentHash held. Times are written in UTC (RFC 3339) and unknown times
// as "". An invalid s is refused with an *Error before anything is written.
//
// Numbers are written with the fewest digits that read back to the same
// float64, so Decode(Encode(s)) equals s.
func Encode(w io.Writer, s *Session) error {
	if e := validate(s, true); e != nil {
		return e
	}
	return encode(w, s)
}

func encode(w io.Writer, s *Session) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	b := make([]byte, 0, 512)
	b = append(b, "{\n  \"format\": "...)
	b = appendString(b, Format)
	b = append(b, ",\n  \"version\": "...)
	b = strconv.AppendInt(b, Version, 10)
	b = appendField(b, "app", s.App)
	b = appendField(b, "template", s.Template)
	b = appendField(b, "exercise", s.Exercise)
	b = appendField(b, "trainee", s.Trainee)
	b = append(b, ",\n  \"session\": "...)
	b = strconv.AppendInt(b, int64(s.Number), 10)
	b = appendField(b, "created", formatTime(s.Created))
	b = appendField(b, "saved", formatTime(s.Saved))
	b = appendField(b, "content_sha256", s.Hash())
	b = appendDesign(b, s.Design)
	b = appendConsultation(b, s.Consultation)
	b = append(b, ",\n  \"impressions\": ["...)
	for i := range s.Impressions {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = appendImpression(b, &s.Impressions[i])
		if len(b) > 32<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if len(s.Impressions) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "]\n}\n"...)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}

func appendField(b []byte, key, v string) []byte {
	b = append(b, ",\n  \""...)
	b = append(b, key...)
	b = append(b, "\": "...)
	return appendString(b, v)
}

func appendImpression(b []byte, im *impression.Impression) []byte {
	b = append(b, `{"x_mm": `...)
	b = appendFloat(b, im.Pos.X)
	b = append(b, `, "y_mm": `...)
	b = appendFloat(b, im.Pos.Y)
	b = append(b, `, "diameter_mm": `...)
	b = appendFloat(b, im.DiameterMM)
	b = append(b, `, "needle": `...)
	b = appendString(b, string(im.Needle.Grouping))
	b = append(b, `, "gauge_mm": `...)
	b = appendFloat(b, im.Needle.GaugeMM)
	b = append(b, `, "depth": `...)
	b = appendString(b, string(im.Depth))
	b = append(b, `, "pigment": `...)
	b = appendString(b, im.Pigment)
	b = append(b, `, "dilution": `...)
	b = appendFloat(b, im.Dilution)
	b = append(b, `, "session": `...)
	b = strconv.AppendInt(b, int64(im.Session), 10)
	b = append(b, `, "t_s": `...)
	b = appendFloat(b, im.TimeS)
	return append(b, '}')
}

// appendFloat writes v as encoding/json would: the shortest decimal that
// reads back exactly, in exponent form only for very large or small values.
// v is finite (validated).
func appendFloat(b []byte, v float64) []byte {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(b, v, 'e', -1, 64)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// appendString writes s as a JSON string with the least escaping: '"' and
// '\\' get a backslash, control characters (which validation keeps out of
// sessions) become \u00XX, and everything else, UTF-8 included, is copied.
// The content hash uses the same form, which any JSON library reproduces
// with HTML escaping and ASCII-only output turned off.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// Hash returns the SHA-256, in lower-case hex, of the canonical form of the
// session's template id and impressions (defaults applied), which is what
// the trainer records in "content_sha256" when it saves. If a file's
// impressions are edited afterwards its recorded hash no longer matches
// (EditedAfterSave). The hash does not depend on JSON layout, field order,
// omitted defaults or the other fields (trainee, times, app), so a file
// re-saved by another tool keeps its hash as long as the work is the same.
//
// The canonical form, version 1, is UTF-8 text:
//
//	smp-session-content/1\n
//	template <id as a JSON string>\n
//	then per impression, in file order, space-separated and ending in \n:
//	x_mm y_mm diameter_mm needle gauge_mm depth pigment dilution session t_s
//
// where numbers are Go's shortest round-trip form
// (strconv.FormatFloat(v, 'g', -1, 64); session as a decimal integer) and
// the template, needle, depth and pigment are JSON strings with only '"'
// and '\\' escaped (valid sessions hold no control characters), UTF-8 as
// is. It is a check against
// careless or casual edits, not a signature: anyone can recompute it.
func (s *Session) Hash() string {
	h := sha256.New()
	b := make([]byte, 0, 32<<10)
	b = append(b, "smp-session-content/1\ntemplate "...)
	b = appendString(b, s.Template)
	b = append(b, '\n')
	for i := range s.Impressions {
		im := &s.Impressions[i]
		b = strconv.AppendFloat(b, im.Pos.X, 'g', -1, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, im.Pos.Y, 'g', -1, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, im.DiameterMM, 'g', -1, 64)
		b = append(b, ' ')
		b = appendString(b, string(im.Needle.Grouping))
		b = append(b, ' ')
		b = strconv.AppendFloat(b, im.Needle.GaugeMM, 'g', -1, 64)
		b = append(b, ' ')
		b = appendString(b, string(im.Depth))
		b = append(b, ' ')
		b = appendString(b, im.Pigment)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, im.Dilution, 'g', -1, 64)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(im.Session), 10)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, im.TimeS, 'g', -1, 64)
		b = append(b, '\n')
		if len(b) > 30<<10 {
			h.Write(b)
			b = b[:0]
		}
	}
	b = appendDesignHash(b, s.Design)
	b = appendConsultationHash(b, s.Consultation)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// EditedAfterSave reports whether the file recorded a content hash that
// its impressions no longer match. A file with no recorded hash (written
// by another tool) reports false: there is nothing to compare.
func (s *Session) EditedAfterSave() bool {
	return s.ContentHash != "" && s.ContentHash != s.Hash()
}
