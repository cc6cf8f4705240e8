package viewcache

import (
	"github.com/stakeholder-graph/stakeholder-graph/analytics"
)

// Sizes of the parts of the results kept, in bytes on 64-bit platforms. A slug in a result shares its
// bytes with the projection's, so only its header counts.
const (
	stringHeader = 16
	sliceHeader  = 24
	mapSlot      = 48 // a map entry with its share of buckets, roughly
	unknownSize  = 4096
)

// sizeOf estimates the memory a kept result holds beyond what its projection holds.
func sizeOf(value any) int64 {
	switch v := value.(type) {
	case *View:
		return v.Projection.SizeBytes()
	case *analytics.Projection:
		return v.SizeBytes()
	case analytics.Ranking:
		return sliceHeader + int64(cap(v))*(stringHeader+8)
	case map[string]float64:
		return int64(len(v)) * mapSlot
	case analytics.Communities:
		n := int64(sliceHeader + 8)
		for _, g := range v.Groups {
			n += sliceHeader + int64(cap(g))*stringHeader
		}
		return n
	case []analytics.Broker:
		n := int64(sliceHeader)
		for _, b := range v {
			n += 96 + int64(cap(b.OtherSectors))*stringHeader + int64(cap(b.CrossSector))*stringHeader
		}
		return n
	case analytics.Stats:
		return unknownSize // counts and two small group matrices
	}
	return unknownSize
}
