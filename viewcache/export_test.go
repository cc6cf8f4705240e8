package viewcache

import "time"

// SetPatchAge changes how long after a view was read whole it may be patched.
func SetPatchAge(c *Cache, d time.Duration) { c.patchAge = d }
