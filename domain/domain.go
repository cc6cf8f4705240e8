// Package domain holds the stakeholder graph's vocabulary: stakeholders, people, events, the ties between
// them and the sources behind every fact, plus the error type every layer speaks. It imports nothing of
// this project, so every other package can depend on it.
package domain

// Source is a document a fact rests on, with the passage that supports that fact.
type Source struct {
	// Key identifies the document within the graph (for example "ijm-2024-07-30-wdat").
	Key string
	// Title is the document's title.
	Title string
	// Publisher is who published the document, if known.
	Publisher *string
	// Date is when the document was published, if known.
	Date *Date
	// URL is where the document can be read, if known.
	URL *string
	// Kind is what the document is (an official record, a news story, a copy ...), if classified.
	Kind *SourceKind
	// Story is shared by documents that carry the same story (copies of one article, one wire story in
	// several outlets), which count once as evidence; nil when the document is its own story.
	Story *string
	// Quote is the passage that supports the fact.
	Quote *string
}

// Citation points at a document by key and quotes the passage that supports a fact. It is how the seed and
// imports attach sources; the store resolves it into a Source when reading.
type Citation struct {
	// Source is the key of the document.
	Source string `json:"source"`
	// Quote is the supporting passage.
	Quote string `json:"quote"`
}
