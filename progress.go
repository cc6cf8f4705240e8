package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/curation"
)

// progress shows how far an import has come: a bar redrawn in place, with the rate and the time left, on
// a terminal; a plain line every tenth of the way otherwise (a log, a pipe).
type progress struct {
	w        io.Writer
	total    int
	terminal bool
	start    time.Time
	shown    int // the last tenth a plain line was written for
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) update(sum curation.ImportSummary) {
	done := sum.Done()
	elapsed := time.Since(p.start).Seconds()
	rate := float64(done) / max(elapsed, 1e-3)
	left := time.Duration(float64(p.total-done)/max(rate, 1e-9)) * time.Second
	if p.terminal {
		const width = 30
		filled := width * done / max(p.total, 1)
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d records  %.0f/s  ETA %s   ", strings.Repeat("#", filled), strings.Repeat("-", width-filled),
			done, p.total, rate, left.Round(time.Second))
		return
	}
	if tenth := 10 * done / max(p.total, 1); tenth > p.shown || done == p.total {
		p.shown = tenth
		fmt.Fprintf(p.w, "imported %d/%d records (%.0f/s, %s left)\n", done, p.total, rate, left.Round(time.Second))
	}
}

func (p *progress) done() {
	if p.terminal {
		fmt.Fprintln(p.w)
	}
}
