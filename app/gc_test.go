package app

import (
	"log/slog"
	"math"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	log := slog.New(slog.DiscardHandler)

	TuneGC(func(k string) string {
		if k == "GOGC" {
			return "100"
		}
		return ""
	}, log)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, GC percent became %d", got)
	}

	total, ok := physicalMemory()
	if !ok {
		t.Skip("no /proc/meminfo here")
	}
	TuneGC(func(string) string { return "" }, log)
	if got := debug.SetGCPercent(100); got != serviceGCPercent {
		t.Errorf("GC percent %d, want %d", got, serviceGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != int64(total/memoryShare) {
		t.Errorf("memory limit %d, want half of %d", got, total)
	}
}
