package querycost

import (
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CheckVariables checks the size of the variables' values as decoded from JSON: no string longer than
// the string limit, no list longer than the list limit, nothing nested deeper than an input can be.
func CheckVariables(vars map[string]any, limits Limits) *gqlerror.Error {
	limits = limits.WithDefaults()
	for name, v := range vars {
		if err := checkVariable(name, v, limits, 0); err != nil {
			return err
		}
	}
	return nil
}

func checkVariable(name string, v any, limits Limits, depth int) *gqlerror.Error {
	if depth > maxValueDepth {
		return over(CodeValueSize, maxValueDepth, depth, "variable $%s nests more than %d levels deep", name, maxValueDepth)
	}
	switch v := v.(type) {
	case string:
		if len(v) > limits.StringLength { // bytes bound characters from above; count only when it may matter
			if n := utf8.RuneCountInString(v); n > limits.StringLength {
				return over(CodeValueSize, limits.StringLength, n, "variable $%s holds a string of %d characters; the limit is %d", name, n, limits.StringLength)
			}
		}
	case []any:
		if len(v) > limits.ListLength {
			return over(CodeValueSize, limits.ListLength, len(v), "variable $%s holds a list of %d items; the limit is %d", name, len(v), limits.ListLength)
		}
		for _, item := range v {
			if err := checkVariable(name, item, limits, depth+1); err != nil {
				return err
			}
		}
	case map[string]any:
		if len(v) > limits.ListLength {
			return over(CodeValueSize, limits.ListLength, len(v), "variable $%s holds an object of %d fields; the limit is %d", name, len(v), limits.ListLength)
		}
		for _, item := range v {
			if err := checkVariable(name, item, limits, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}
