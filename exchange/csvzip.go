package exchange

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// maxImportSize bounds the archive and each CSV file in it, so a small upload cannot unpack into an
// unbounded amount of memory.
const maxImportSize = 64 << 20

// readCSVZip reads a zip archive holding nodes.csv and ties.csv, at its top or in one folder (as zipping
// a folder gives), and imports them with ReadCSV.
func readCSVZip(r io.Reader) (*dataset.Dataset, error) {
	nodes, ties, err := unzipCSV(r)
	if err != nil {
		return nil, err
	}
	return ReadCSV(bytes.NewReader(nodes), bytes.NewReader(ties))
}

// ReadCSVZipItems reads a zip archive as readCSVZip does, record by record, as ReadCSVItems reads.
func ReadCSVZipItems(r io.Reader) ([]dataset.Item, error) {
	nodes, ties, err := unzipCSV(r)
	if err != nil {
		return nil, err
	}
	return ReadCSVItems(bytes.NewReader(nodes), bytes.NewReader(ties))
}

// unzipCSV returns the contents of nodes.csv and ties.csv in a zip archive.
func unzipCSV(r io.Reader) (nodes, ties []byte, err error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > maxImportSize {
		return nil, nil, domain.Errorf(domain.CodeInvalid, "the archive is larger than %d MiB", maxImportSize>>20)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, domain.Errorf(domain.CodeInvalid, "the csv format is a zip archive holding %s and %s: %v",
			nodesFile, tiesFile, err)
	}
	found := map[string]*zip.File{}
	var names []string
	for _, f := range zr.File {
		base := strings.ToLower(path.Base(f.Name))
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(base, "._") {
			continue // folders and the resource forks macOS adds
		}
		names = append(names, f.Name)
		if base != nodesFile && base != tiesFile {
			continue
		}
		if first, dup := found[base]; dup {
			return nil, nil, domain.Errorf(domain.CodeInvalid, "the archive holds %s twice: %s and %s", base, first.Name, f.Name)
		}
		found[base] = f
	}
	if found[nodesFile] == nil || found[tiesFile] == nil {
		return nil, nil, domain.Errorf(domain.CodeInvalid, "the archive must hold %s and %s; it holds %s",
			nodesFile, tiesFile, strings.Join(names, ", "))
	}
	if nodes, err = unzip(found[nodesFile]); err != nil {
		return nil, nil, err
	}
	ties, err = unzip(found[tiesFile])
	return nodes, ties, err
}

func unzip(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "cannot open %s in the archive: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxImportSize+1))
	if err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "cannot unpack %s: %v", f.Name, err)
	}
	if len(data) > maxImportSize {
		return nil, domain.Errorf(domain.CodeInvalid, "%s is larger than %d MiB", f.Name, maxImportSize>>20)
	}
	return data, nil
}
