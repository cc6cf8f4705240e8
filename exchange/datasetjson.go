package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// The json format is the dataset shape of seed/malaysia.json. Written from a network it holds the
// sources, stakeholders and ties of that view, which load back unchanged (a view leaves out the
// non-cooperative tie types unless its filter names them); read, it may hold every kind of record.

func writeDatasetJSON(w io.Writer, n *domain.Network) error {
	return writeJSON(w, datasetFromNetwork(n))
}

// readDatasetJSON decodes one dataset, refusing unknown fields and anything after it, and validates it.
// Validation problems name the record (`stakeholders[3] (ijm-malaysia)`); decoding problems the line.
func readDatasetJSON(r io.Reader) (*dataset.Dataset, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxImportSize {
		return nil, domain.Errorf(domain.CodeInvalid, "the dataset JSON is larger than %d MiB", maxImportSize>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d dataset.Dataset
	if err := dec.Decode(&d); err != nil {
		return nil, jsonError(data, dec.InputOffset(), err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, domain.Errorf(domain.CodeInvalid, "dataset JSON line %d: unexpected data after the dataset",
			lineAt(data, dec.InputOffset()))
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return &d, nil
}

func jsonError(data []byte, offset int64, err error) error {
	line, reason := jsonFault(data, offset, err)
	if line == 0 {
		return domain.Errorf(domain.CodeInvalid, "dataset JSON %s", reason)
	}
	return domain.Errorf(domain.CodeInvalid, "dataset JSON line %d: %s", line, reason)
}

// jsonFault says where decoding a dataset failed and why; line is 0 for an empty file.
func jsonFault(data []byte, offset int64, err error) (line int, reason string) {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return 0, "is empty"
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	return lineAt(data, offset), strings.TrimPrefix(err.Error(), "json: ")
}

func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
