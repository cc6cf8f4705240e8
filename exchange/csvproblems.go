package exchange

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// validate runs dataset.Validate over the records and reports each problem it finds at the row the
// record came from. dataset.Validate names records as `ties[4] (a MEMBER_OF b): reason`.
func (im *csvImport) validate() {
	err := im.d.Validate()
	if err == nil {
		return
	}
	var de *domain.Error
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &de) || !errors.As(de.Err, &joined) {
		im.fail(origin{}, "%s", domain.ErrorMessage(err))
		return
	}
	for _, e := range joined.Unwrap() {
		im.mapProblem(e.Error())
	}
}

var recordRef = regexp.MustCompile(`^(sources|stakeholders|ties)\[(\d+)\] `)

func (im *csvImport) mapProblem(msg string) {
	m := recordRef.FindStringSubmatch(msg)
	if m == nil {
		im.fail(origin{}, "%s", msg)
		return
	}
	i, _ := strconv.Atoi(m[2])
	var at origin // stays zero, reporting msg as it is, should a record be out of range
	var where, label string
	switch {
	case m[1] == "sources" && i < len(im.sourceAt):
		at, label = im.sourceAt[i].at, im.sourceAt[i].label
		where = fmt.Sprintf("sources[%d] (%s)", i, im.d.Sources[i].Key)
	case m[1] == "stakeholders" && i < len(im.stakeholderAt):
		at = im.stakeholderAt[i]
		where = fmt.Sprintf("stakeholders[%d] (%s)", i, im.d.Stakeholders[i].Slug)
	case m[1] == "ties" && i < len(im.tieAt):
		t := im.d.Ties[i]
		at = im.tieAt[i]
		where = fmt.Sprintf("ties[%d] (%s %s %s)", i, t.From, t.Type, t.To)
	}
	if im.unreadable[at] {
		return // the row's own problem says why its cells could not be read
	}
	reason, ok := strings.CutPrefix(msg, where+": ")
	if !ok {
		reason = msg
	}
	reason = explain(reason)
	if label != "" {
		reason = label + ": " + reason
	}
	im.fail(at, "%s", reason)
}

var (
	notAllowed = regexp.MustCompile(`^(\w+) (".*") is not one of the allowed values$`)
	allowed    = map[string]string{
		"kind":       enumList(domain.StakeholderKinds),
		"sector":     enumList(domain.Sectors),
		"focusAreas": enumList(domain.FocusAreas),
		"type":       enumList(domain.TieTypes),
	}
)

// explain rewords a dataset.Validate reason for CSV users: it names the allowed values of an enum and
// calls focusAreas by its column name.
func explain(reason string) string {
	if m := notAllowed.FindStringSubmatch(reason); m != nil && allowed[m[1]] != "" {
		reason = fmt.Sprintf("%s %s is not one of %s", m[1], m[2], allowed[m[1]])
	}
	if rest, ok := strings.CutPrefix(reason, "focusAreas "); ok {
		reason = "focus_areas " + rest
	}
	return reason
}

// result returns the dataset, or every problem, sorted by file and line.
func (im *csvImport) result() (*dataset.Dataset, error) {
	if im.err != nil {
		return nil, im.err
	}
	if len(im.problems) == 0 {
		return &im.d, nil
	}
	rank := map[string]int{nodesFile: 0, tiesFile: 1, "": 2}
	slices.SortStableFunc(im.problems, func(a, b csvProblem) int {
		if a.at.file != b.at.file {
			return rank[a.at.file] - rank[b.at.file]
		}
		return a.at.line - b.at.line
	})
	lines := make([]string, len(im.problems))
	errs := make([]error, len(im.problems))
	for i, p := range im.problems {
		switch {
		case p.at.file == "":
			lines[i] = p.reason
		case p.at.line == 0:
			lines[i] = p.at.file + ": " + p.reason
		default:
			lines[i] = fmt.Sprintf("%s line %d: %s", p.at.file, p.at.line, p.reason)
		}
		errs[i] = errors.New(lines[i])
	}
	return nil, &domain.Error{Code: domain.CodeInvalid,
		Message: fmt.Sprintf("%d problem(s) in the CSV files, nothing was imported:\n%s", len(lines), strings.Join(lines, "\n")),
		Err:     errors.Join(errs...)}
}
