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
