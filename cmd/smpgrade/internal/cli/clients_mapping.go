package cli

import (
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
)

// clientMappingJSON is the mapping side of a client in "clients --json":
// what a tool needs to build and check a hairline design. Points are
// [x_mm, y_mm] on the client's template chart, as in a session's design;
// the landmarks have the form of "templates --json", drawn from the
// client's own face.
type clientMappingJSON struct {
	Progressive bool            `json:"progressive"`
	Styles      []design.Style  `json:"styles"`
	Face        client.Face     `json:"face"`
	Natural     *client.Natural `json:"natural_hairline,omitempty"`
	Landmarks   *landmarkJSON   `json:"landmarks,omitempty"`
	Reference   *design.Design  `json:"reference_design,omitempty"`
}

// mappingOf returns c's mapping fields; the zero value for a nil client.
func mappingOf(c *client.Client) clientMappingJSON {
	if c == nil {
		return clientMappingJSON{}
	}
	ref := c.Design()
	return clientMappingJSON{
		Progressive: c.Progressive, Styles: c.Styles, Face: c.Face, Natural: c.Natural,
		Landmarks: landmarksToJSON(c.Landmarks()), Reference: &ref,
	}
}
