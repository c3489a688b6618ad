package session

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"
)

// numberAgrees checks number against the reference: it accepts exactly
// what encoding/json calls a valid number, and gives the bits
// strconv.ParseFloat gives.
func numberAgrees(t *testing.T, w string) {
	t.Helper()
	got, ok := number([]byte(w))
	var v json.Number
	valid := json.Unmarshal([]byte(w), &v) == nil && string(v) == w
	if ok != valid {
		t.Fatalf("number(%q) ok = %v, encoding/json valid = %v", w, ok, valid)
	}
	if !ok {
		return
	}
	want, _ := strconv.ParseFloat(w, 64)
	if math.Float64bits(got) != math.Float64bits(want) {
		t.Fatalf("number(%q) = %v (%#x), strconv.ParseFloat = %v (%#x)", w, got, math.Float64bits(got), want, math.Float64bits(want))
	}
}

// The fast path of number gives exactly strconv.ParseFloat's bits, on the
// numbers session files hold and on the edges of the fast path.
func TestNumberMatchesParseFloat(t *testing.T) {
	for _, w := range []string{
		"0", "-0", "1", "-1", "0.5", "-8.172761751730945", "0.17555147336116445",
		"0.1125", "15", "1.7873440392626745", "123456789012345678", "1234567890123456789",
		"12345678901234567890", "9007199254740992", "9007199254740993", "0.000000000000000000001",
		"1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1.7976931348623157e308", "1e309",
		"0.1e1", "10e-1", "0.0000", "00", "01", "1.", ".5", "-", "1e", "1e+", "+1", "1E5", "1e-0",
		"123.456e-7", "99999999999999999999e-20", "0.30000000000000004", "2.2250738585072014e-308",
	} {
		numberAgrees(t, w)
	}
}

// FuzzNumber: number agrees with encoding/json on what a number is and
// with strconv.ParseFloat on its value, bit for bit.
func FuzzNumber(f *testing.F) {
	for _, w := range []string{"-8.172761751730945", "0.1125", "1e22", "9007199254740993", "0.000001e-17", "-0"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if len(w) > 64 {
			return
		}
		numberAgrees(t, w)
	})
}
