package score

import "encoding/json"

// A value that was not measured is encoded as null, so no tool reads a
// 0.00 that was never measured as a measurement; null decodes back to
// Unmeasured.

// MarshalJSON encodes c with "value": null when c.Unmeasured.
func (c Criterion) MarshalJSON() ([]byte, error) {
	type plain Criterion
	return json.Marshal(struct {
		plain
		Value *float64 `json:"value"`
	}{plain(c), valueOrNil(c.Value, c.Unmeasured)})
}

// UnmarshalJSON decodes c; "value": null sets c.Unmeasured.
func (c *Criterion) UnmarshalJSON(b []byte) error {
	type plain Criterion
	v := struct {
		*plain
		Value *float64 `json:"value"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	c.Value, c.Unmeasured = fromNullable(v.Value)
	return nil
}

// MarshalJSON encodes p with "value": null when p.Unmeasured.
func (p Part) MarshalJSON() ([]byte, error) {
	type plain Part
	return json.Marshal(struct {
		plain
		Value *float64 `json:"value"`
	}{plain(p), valueOrNil(p.Value, p.Unmeasured)})
}

// UnmarshalJSON decodes p; "value": null sets p.Unmeasured.
func (p *Part) UnmarshalJSON(b []byte) error {
	type plain Part
	v := struct {
		*plain
		Value *float64 `json:"value"`
	}{plain: (*plain)(p)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	p.Value, p.Unmeasured = fromNullable(v.Value)
	return nil
}

// MarshalJSON encodes z with the nearest-neighbour figures (nn_mean_mm,
// clark_evans_r_naive, clark_evans_r, nn_cv) null when the zone holds
// fewer than two dots, where there is no neighbour to measure
// (NNMeasured). Null decodes back to 0.
func (z ZoneStats) MarshalJSON() ([]byte, error) {
	type plain ZoneStats
	un := !z.NNMeasured()
	return json.Marshal(struct {
		plain
		NNMeanMM         *float64 `json:"nn_mean_mm"`
		ClarkEvansRNaive *float64 `json:"clark_evans_r_naive"`
		ClarkEvansR      *float64 `json:"clark_evans_r"`
		NNCV             *float64 `json:"nn_cv"`
	}{plain(z), valueOrNil(z.NNMeanMM, un), valueOrNil(z.ClarkEvansRNaive, un),
		valueOrNil(z.ClarkEvansR, un), valueOrNil(z.NNCV, un)})
}

func valueOrNil(v float64, unmeasured bool) *float64 {
	if unmeasured {
		return nil
	}
	return &v
}

func fromNullable(v *float64) (float64, bool) {
	if v == nil {
		return 0, true
	}
	return *v, false
}
