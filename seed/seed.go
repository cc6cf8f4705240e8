// Package seed ships the first data set: Malaysia's national anti-trafficking network as reported by IJM's
// news item of 30 July 2024 and the secondary sources listed in it. Every record cites the source it rests
// on; nothing here goes beyond what those sources say.
package seed

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
)

//go:embed malaysia.json
var malaysia []byte

// Malaysia returns the Malaysian network, parsed and validated.
func Malaysia() (*dataset.Dataset, error) {
	var d dataset.Dataset
	dec := json.NewDecoder(bytes.NewReader(malaysia))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("seed data malaysia.json: %w", err)
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("seed data malaysia.json: %w", err)
	}
	return &d, nil
}
