package grading

import (
	"fmt"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/mapping"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
)

// Mapping is a graded hairline design.
type Mapping struct {
	// Client is who the design was graded for: the design's client, else
	// the exercise's, else an anonymous client on the template
	// (client.ForTemplate).
	Client *client.Client
	// Criterion is the mapping criterion.
	Criterion score.Criterion
	// Template is the session's template with the trainee's line as its
	// design hairline and the client's landmarks.
	Template *scalp.Template
}

// mappingWeight is the mapping criterion's weight under the default
// weights (model: as much as the hairline criterion, which it sets up).
const mappingWeight = 2

// gradeDesign grades s's design on template t for the client the work
// names (ex is the exercise whose weights apply, or nil).
func gradeDesign(s *session.Session, t *scalp.Template, ex *exercise.Exercise) (*Mapping, error) {
	var c *client.Client
	switch id := s.Design.Client; {
	case id != "":
		var err error
		if c, err = client.Lookup(id); err != nil { // a decoded session's client exists
			return nil, err
		}
	case ex != nil && ex.Client != "":
		var err error
		if c, err = client.Lookup(ex.Client); err != nil {
			return nil, err
		}
	case t.Landmarks != nil:
		c = client.ForTemplate(t)
	default:
		return nil, fmt.Errorf("%s is a practice field with no face to map a hairline on", t.ID)
	}
	if c.Template != t.ID {
		return nil, fmt.Errorf("client %s's head is the %s template, not %s", c.ID, c.Template, t.ID)
	}
	crit := mapping.Grade(c, s.Design)
	crit.Weight = mappingWeight
	return &Mapping{Client: c, Criterion: crit, Template: t.WithDesign(s.Design.Line, c.Landmarks())}, nil
}
