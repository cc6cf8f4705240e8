package exchange

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/dataset"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// validate runs dataset.Validate over the records and reports each problem it finds at the row the
// record came from.
func (im *csvImport) validate() {
	err := im.d.Validate()
	if err == nil {
		return
	}
	var ps *dataset.Problems
	if !errors.As(err, &ps) {
		im.fail(origin{}, "%s", domain.ErrorMessage(err))
		return
	}
	for _, p := range ps.List {
		im.mapProblem(p)
	}
	im.unlisted += ps.Unlisted
}

func (im *csvImport) mapProblem(p dataset.Problem) {
	var at origin // stays zero, reporting the problem as it is, should a record be out of range
	var label string
	switch i := p.Index; {
	case p.Records == "sources" && i < len(im.sourceAt):
		at, label = im.sourceAt[i].at, im.sourceAt[i].label
	case p.Records == "stakeholders" && i < len(im.stakeholderAt):
		at = im.stakeholderAt[i]
	case p.Records == "ties" && i < len(im.tieAt):
		at = im.tieAt[i]
	default:
		im.fail(at, "%s", p)
		return
	}
	if im.unreadable[at] {
		return // the row's own problem says why its cells could not be read
	}
	reason := explain(p.Reason)
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

// result returns the dataset, or the problems (at most dataset.MaxProblems of them), sorted by file and
// line.
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
	count := fmt.Sprint(len(im.problems) + im.unlisted)
	more := ""
	switch {
	case im.stopped:
		count = "at least " + count
		more = fmt.Sprintf("and maybe more: reading stopped after %d problems", len(im.problems)+im.unlisted)
	case im.unlisted > 0:
		more = fmt.Sprintf("and %d more problem(s)", im.unlisted)
	}
	if more != "" {
		lines, errs = append(lines, more), append(errs, errors.New(more))
	}
	return nil, &domain.Error{Code: domain.CodeInvalid,
		Message: fmt.Sprintf("%s problem(s) in the CSV files, nothing was imported:\n%s", count, strings.Join(lines, "\n")),
		Err:     errors.Join(errs...)}
}
