//go:build race

package analytics

// slowdown is how many times longer the analyses take in this build, for the tests' time bounds: the
// race detector makes them several times slower.
const slowdown = 10
