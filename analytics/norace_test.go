//go:build !race

package analytics

// slowdown is how many times longer the analyses take in this build, for the tests' time bounds.
const slowdown = 1
