package session

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"
)

// The benchmarks measure a 100,000-impression session, about the largest
// real file (a full scalp at finished density is ~40,000).

func BenchmarkEncode100k(b *testing.B) {
	s := randomSession(b, 100_000, 7)
	var buf bytes.Buffer
	Encode(&buf, s)
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if err := Encode(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode100k(b *testing.B) {
	s := randomSession(b, 100_000, 7)
	var buf bytes.Buffer
	Encode(&buf, s)
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(data), "bench.json"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad100k is Load of the same file from disk, which knows the
// file's size (as "smpgrade score" reads it).
func BenchmarkLoad100k(b *testing.B) {
	s := randomSession(b, 100_000, 7)
	path := filepath.Join(b.TempDir(), "bench.json")
	if err := Save(path, s); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash100k(b *testing.B) {
	s := randomSession(b, 100_000, 7)
	b.ReportAllocs()
	for b.Loop() {
		s.Hash()
	}
}
