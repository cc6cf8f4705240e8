package app

import (
	"bufio"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// The service's heap is mostly long-lived: the analytics projection (hundreds of MiB on a network of a
// million ties) outlives every request, while each request allocates briefly and a lot. Go's default
// (collect when the heap has grown by 100% of what survived the last collection) then spends a large
// share of the CPU marking the projection over and over. Unless GOGC or GOMEMLIMIT says otherwise, the
// service collects at 400% growth instead, and caps the heap softly at half the machine's memory so the
// headroom never becomes a risk: near the cap the collector runs as often as it must.

const (
	serviceGCPercent = 400
	memoryShare      = 2 // the soft heap cap is 1/memoryShare of physical memory
)

// TuneGC applies the service's collector settings where the environment sets none.
func TuneGC(getenv func(string) string, log *slog.Logger) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	total, ok := physicalMemory()
	if !ok {
		return // without a cap the higher percentage is not safe
	}
	debug.SetMemoryLimit(int64(total / memoryShare))
	debug.SetGCPercent(serviceGCPercent)
	log.Debug("garbage collector tuned", "gogc", serviceGCPercent, "memoryLimitMiB", total/memoryShare>>20)
}

// physicalMemory reads MemTotal from /proc/meminfo, or the container's memory limit when that is lower.
func physicalMemory() (uint64, bool) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var total uint64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, false
			}
			total = kb << 10
		}
	}
	if total == 0 {
		return 0, false
	}
	// A container's limit: cgroup v2, then v1 (which reports a huge number when there is none).
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(path); err == nil {
			if limit, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); err == nil && limit < total {
				total = limit
			}
		}
	}
	return total, true
}
