// Package seed ships the first data set: Malaysia's counter-trafficking network. malaysia.json is the
// network IJM's news item of 30 July 2024 and the secondary sources listed in it report;
// public-sources.json adds what public sources (government and UN records, news, the organisations' own
// pages, advocacy reports, copies, leaked cables) show, each tie with the quote it rests on. Every record
// cites its source; nothing here goes beyond what those sources say.
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

//go:embed public-sources.json
var publicSources []byte

// Files names the shipped data files in the order Network reads them.
var Files = []string{"malaysia.json", "public-sources.json"}

// Malaysia returns the network of the seed article alone, parsed and validated.
func Malaysia() (*dataset.Dataset, error) {
	d, err := decode("malaysia.json", malaysia)
	if err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("seed data malaysia.json: %w", err)
	}
	return d, nil
}

// Network returns the whole shipped network, the seed article's and the public sources' records as one
// data set, parsed and validated. It is what the service loads into an empty graph and what tests run on.
func Network() (*dataset.Dataset, error) {
	d, err := decode("malaysia.json", malaysia)
	if err != nil {
		return nil, err
	}
	more, err := decode("public-sources.json", publicSources)
	if err != nil {
		return nil, err
	}
	d.Append(more)
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("seed data: %w", err)
	}
	return d, nil
}

func decode(name string, data []byte) (*dataset.Dataset, error) {
	var d dataset.Dataset
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("seed data %s: %w", name, err)
	}
	return &d, nil
}
