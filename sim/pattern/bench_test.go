package pattern

import "testing"

// BenchmarkExpertSynthHead generates the expert's finished work on the
// synthetic head (about 13,500 dots).
func BenchmarkExpertSynthHead(b *testing.B) {
	head := synthHead()
	for b.Loop() {
		if _, err := Generate(head, Expert, 3, 1); err != nil {
			b.Fatal(err)
		}
	}
}
