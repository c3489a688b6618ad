package ui

import (
	"io"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// TEMPORARY seams until scalp.Lookup and the session codec land.

func lookupTemplate(id string) (*scalp.Template, error) {
	sq := geom.Polygon{{X: -10, Y: -10}, {X: 10, Y: -10}, {X: 10, Y: 10}, {X: -10, Y: 10}}
	return &scalp.Template{
		ID: "square20", Name: "Practice square 20 mm", Pattern: "practice",
		Outline: sq,
		Zones: []scalp.Zone{{ID: "field", Name: "Field", Kind: scalp.Field, Polygon: sq,
			Targets: [3]scalp.DensityBand{{Min: 10, Max: 25}, {Min: 45, Max: 50}, {Min: 70, Max: 100}}}},
		Skin: "#f3e7db", HairColour: "#3b2f2a",
	}, nil
}

func saveSession(path string, s *session.Session) error { return session.Save(path, s) }
func loadSession(path string) (*session.Session, error) {
	return session.Load(path)
}
func decodeSession(r io.Reader, name string) (*session.Session, error) {
	return session.Decode(r, name)
}
