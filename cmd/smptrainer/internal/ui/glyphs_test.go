package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/smptrainer/smp/assets"
)

// Every character of every string the trainer's code spells out, and
// sim's (the feedback it shows, the software renderer's labels), has a
// glyph in the embedded fonts: a missing one draws as an empty box (the
// name field's caret and the shade panel's warning sign once did).
func TestStringsHaveGlyphs(t *testing.T) {
	var fonts []*sfnt.Font
	for _, name := range []string{"fonts/Go-Regular.ttf", "fonts/Go-Bold.ttf"} {
		b, err := assets.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := sfnt.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fonts = append(fonts, f)
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir("../../../../sim", func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, r := range s {
				if r < 0x80 {
					continue // ASCII: every font has it
				}
				checked++
				for i, f := range fonts {
					if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
						t.Errorf("%s: %q in %s has no glyph in font %d", fset.Position(lit.Pos()), r, lit.Value, i)
					}
				}
			}
			return true
		})
	}
	if checked == 0 {
		t.Fatal("no non-ASCII character found: the test reads nothing")
	}
}
